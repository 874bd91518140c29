curl -b cookies.txt https://api.example.com/v1/models
