MERGE (o:Organisation {id: $id})
  ON CREATE SET o = $props
RETURN o AS organisation
