curl --request DELETE https://api.example.com/v1/items/1
