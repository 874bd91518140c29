curl -u a:b --oauth2-bearer tok https://api.example.com/v1/models
