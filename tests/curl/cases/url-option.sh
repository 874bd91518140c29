curl --url https://api.example.com/v1/models -s
