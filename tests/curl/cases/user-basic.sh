curl -u user:secret https://api.example.com/v1/models
