curl https://api.example.com/echo --data-binary $'{"a":\n1}'
