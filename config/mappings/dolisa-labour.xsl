<?xml version="1.0" encoding="UTF-8"?>
<!-- Canonical dossier (JSON) to the labour department's file format: one HoSo element per file,
     written into its inbox folder. Input: <json> holding the dossier text. -->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns="urn:dolisa:labour:hoso:1"
                exclude-result-prefixes="xs">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="GatewayMessageId" as="xs:string" select="''"/>

  <xsl:template match="/json">
    <xsl:variable name="d" select="parse-json(string(.))"/>
    <HoSo>
      <MaGiaoDich><xsl:value-of select="$GatewayMessageId"/></MaGiaoDich>
      <MaHoSo><xsl:value-of select="$d?dossierCode"/></MaHoSo>
      <LanNop><xsl:value-of select="$d?revision"/></LanNop>
      <MaTTHC><xsl:value-of select="$d?procedureCode"/></MaTTHC>
      <CoQuanTiepNhan><xsl:value-of select="$d?receivingAgency"/></CoQuanTiepNhan>
      <ToChucCaNhan>
        <Ten><xsl:value-of select="$d?applicant?name"/></Ten>
        <MaSo><xsl:value-of select="$d?applicant?idNumber"/></MaSo>
        <DiaChi><xsl:value-of select="$d?applicant?address"/></DiaChi>
      </ToChucCaNhan>
      <TrichYeu><xsl:value-of select="$d?summary"/></TrichYeu>
      <NgayTiepNhan><xsl:value-of select="$d?receivedAt"/></NgayTiepNhan>
      <NgayHenTra><xsl:value-of select="$d?dueAt"/></NgayHenTra>
    </HoSo>
  </xsl:template>
</xsl:stylesheet>
