export ARK_API_KEY=sk-from-export; curl https://api.example.com/v1/models -H "Authorization: Bearer $ARK_API_KEY"
