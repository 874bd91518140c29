curl -b 'session=abc; theme=dark' https://api.example.com/v1/models
