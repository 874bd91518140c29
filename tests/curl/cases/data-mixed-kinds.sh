curl https://api.example.com/echo -d a=1 --data-raw @b --data-binary c -H 'content-type: text/plain'
