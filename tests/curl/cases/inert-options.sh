curl -L -k -s -S -v -i --max-time 10 --connect-timeout 5 -o out.json --retry 2 --http1.1 https://api.example.com/v1/models
