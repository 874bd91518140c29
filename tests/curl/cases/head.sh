curl -I https://api.example.com/v1/models
