curl https://api.example.com/echo -d @request.json
