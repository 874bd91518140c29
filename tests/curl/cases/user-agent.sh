curl -A 'docverify-test/1.0' https://api.example.com/v1/models
