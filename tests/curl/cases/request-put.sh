curl -X PUT https://api.example.com/v1/items/1 -d 'name=x'
