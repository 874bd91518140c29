curl -s https://api.example.com/v1/models | jq '.data[].id'
