# list the models
curl https://api.example.com/v1/models # trailing comment -X POST
