curl https://api.example.com/echo --data-raw '@not-a-file'
