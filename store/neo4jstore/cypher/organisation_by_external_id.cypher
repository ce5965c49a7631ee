MATCH (o:Organisation {externalId: $externalId})
RETURN o AS organisation
