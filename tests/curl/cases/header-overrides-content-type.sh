curl https://api.example.com/echo -H 'Content-Type: application/json' -d '{}'
