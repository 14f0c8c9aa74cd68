<?xml version="1.0" encoding="UTF-8"?>
<!-- Canonical dossier (JSON, schemas/dossier.schema.json) to the izb-investment TiepNhanHoSo request
     (schemas/wsdl/izb-investment.wsdl). Input: <json> holding the dossier text; the message id is in
     the exchange property GatewayMessageId, passed as the parameter below. -->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns="urn:izb:investment:dossier:1"
                exclude-result-prefixes="xs">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:param name="GatewayMessageId" as="xs:string" select="''"/>

  <xsl:template match="/json">
    <xsl:variable name="d" select="parse-json(string(.))"/>
    <TiepNhanHoSo>
      <MaGiaoDich><xsl:value-of select="$GatewayMessageId"/></MaGiaoDich>
      <MaHoSo><xsl:value-of select="$d?dossierCode"/></MaHoSo>
      <LanNop><xsl:value-of select="$d?revision"/></LanNop>
      <MaTTHC><xsl:value-of select="$d?procedureCode"/></MaTTHC>
      <xsl:if test="exists($d?procedureName)"><TenTTHC><xsl:value-of select="$d?procedureName"/></TenTTHC></xsl:if>
      <CoQuanTiepNhan><xsl:value-of select="$d?receivingAgency"/></CoQuanTiepNhan>
      <ChuHoSo>
        <LoaiDoiTuong><xsl:value-of select="if ($d?applicant?type = 'ORGANIZATION') then 'TO_CHUC' else 'CONG_DAN'"/></LoaiDoiTuong>
        <HoTen><xsl:value-of select="$d?applicant?name"/></HoTen>
        <xsl:if test="exists($d?applicant?idNumber)"><SoGiayTo><xsl:value-of select="$d?applicant?idNumber"/></SoGiayTo></xsl:if>
        <xsl:if test="exists($d?applicant?address)"><DiaChi><xsl:value-of select="$d?applicant?address"/></DiaChi></xsl:if>
        <xsl:if test="exists($d?applicant?phone)"><DienThoai><xsl:value-of select="$d?applicant?phone"/></DienThoai></xsl:if>
        <xsl:if test="exists($d?applicant?email)"><Email><xsl:value-of select="$d?applicant?email"/></Email></xsl:if>
      </ChuHoSo>
      <xsl:if test="exists($d?summary)"><TrichYeu><xsl:value-of select="$d?summary"/></TrichYeu></xsl:if>
      <NgayTiepNhan><xsl:value-of select="$d?receivedAt"/></NgayTiepNhan>
      <NgayHenTra><xsl:value-of select="$d?dueAt"/></NgayHenTra>
      <HinhThucNop>
        <xsl:value-of select="map{'ONLINE':'TRUC_TUYEN','DIRECT':'TRUC_TIEP','POSTAL':'BUU_CHINH'}($d?channel)"/>
      </HinhThucNop>
      <xsl:for-each select="if (exists($d?documents)) then $d?documents?* else ()">
        <GiayTo>
          <TenGiayTo><xsl:value-of select=".?name"/></TenGiayTo>
          <xsl:if test="exists(.?contentType)"><LoaiNoiDung><xsl:value-of select=".?contentType"/></LoaiNoiDung></xsl:if>
          <xsl:if test="exists(.?sha256)"><MaBam><xsl:value-of select=".?sha256"/></MaBam></xsl:if>
          <xsl:if test="exists(.?url)"><DuongDan><xsl:value-of select=".?url"/></DuongDan></xsl:if>
          <xsl:if test="exists(.?content)"><NoiDung><xsl:value-of select=".?content"/></NoiDung></xsl:if>
        </GiayTo>
      </xsl:for-each>
    </TiepNhanHoSo>
  </xsl:template>
</xsl:stylesheet>
