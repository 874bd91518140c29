curl https://api.example.com/echo -d 'price=$' -d "cost=5$"
