curl -e 'https://docs.example.com/;auto' https://api.example.com/v1/models
