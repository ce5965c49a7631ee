MATCH (o:Organisation {id: $id})
SET o = $props
RETURN o AS organisation
