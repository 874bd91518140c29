curl https://api.example.com/v1/models -H
