#!/bin/sh
# SMS: texts the customer.  Input: a string.
read -r input
echo "  sms:       $input" >>"$DEMO_LOG"
