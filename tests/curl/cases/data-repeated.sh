curl https://api.example.com/echo -d a=1 -d b=2 --data c=3
