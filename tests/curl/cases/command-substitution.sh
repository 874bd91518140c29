curl https://api.example.com/v1/models -H "Authorization: Bearer $(cat key.txt)"
