curl api.example.com/v1/models
