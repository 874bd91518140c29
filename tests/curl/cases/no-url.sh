curl -s -H 'X: 1'
