curl -XPOST https://api.example.com/v1/items
