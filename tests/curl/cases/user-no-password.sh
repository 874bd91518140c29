curl -u alice https://api.example.com/v1/models
