curl https://api.example.com/echo -H 'Content-Type:' -d 'raw'
