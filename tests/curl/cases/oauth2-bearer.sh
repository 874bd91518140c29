curl --oauth2-bearer tok-123 https://api.example.com/v1/models
