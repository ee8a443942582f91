#!/bin/sh
# Shipping: books a parcel.  Input: a string, "Ship order X to CITY".
read -r input
echo "  shipping:  $input" >>"$DEMO_LOG"
