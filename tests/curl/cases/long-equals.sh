curl --request=POST https://api.example.com/v1/items
