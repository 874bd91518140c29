echo '{"a": 1}' | curl https://api.example.com/echo --json @-
