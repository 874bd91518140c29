curl https://api.example.com/echo --json '{"a": 1}'
