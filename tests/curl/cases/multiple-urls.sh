curl https://api.example.com/first https://api.example.com/second
