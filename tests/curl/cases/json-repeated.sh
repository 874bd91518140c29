curl https://api.example.com/echo --json '{"a":1}' --json '{"b":2}'
