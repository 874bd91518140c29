curl https://api.example.com/echo --json '{"a":1}' -d 'x=1'
