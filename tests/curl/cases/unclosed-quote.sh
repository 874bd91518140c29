curl https://api.example.com/echo -d '{"a": 1}
