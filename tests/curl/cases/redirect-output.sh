curl https://api.example.com/v1/models > models.json 2>&1
