curl --user-ag docverify/1 --verb https://api.example.com/v1/models
