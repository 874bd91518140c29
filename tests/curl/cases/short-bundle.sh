curl -sSL https://api.example.com/v1/models
