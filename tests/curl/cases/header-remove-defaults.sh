curl https://api.example.com/v1/models -H 'Accept:' -H 'User-Agent:'
