curl https://api.example.com/echo --data-binary @- <<< '{"a":1}'
