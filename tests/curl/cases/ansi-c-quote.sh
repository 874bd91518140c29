curl https://api.example.com/echo --data-binary $'line1\nline2\ttab \x41\u00e9 \'q\''
