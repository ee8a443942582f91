#!/bin/sh
# Inventory: reserves the items of an order.  Input: {"order":..,"items":[..]}
read -r input
echo "  inventory: reserved stock for $input" >>"$DEMO_LOG"
