ARK_API_KEY=inline curl https://api.example.com/v1/models -H "Authorization: Bearer $ARK_API_KEY"
