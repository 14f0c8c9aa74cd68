<?xml version="1.0" encoding="UTF-8"?>
<!-- A mapping that reads a file of the gateway's host: the configuration check refuses it. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><x><xsl:value-of select="unparsed-text('file:///etc/passwd')"/></x></xsl:template>
</xsl:stylesheet>
