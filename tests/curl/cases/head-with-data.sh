curl -I -d x https://api.example.com/v1/models
