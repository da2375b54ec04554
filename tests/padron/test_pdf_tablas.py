"""padron.pdf_tablas: a long table printed whole, page by page: every row once, the header row
and the letterhead on every page, "Página N de M" right, the totals at the end."""

import io
import re

import pytest
from pypdf import PdfReader

from padron.pdf_tablas import ColumnaPDF, paginas_de, tabla_pdf

COLUMNAS = [
    ColumnaPDF("#", 6, True),
    ColumnaPDF("Cuenta", 12),
    ColumnaPDF("Titular", 22),
    ColumnaPDF("Domicilio", 22),
    ColumnaPDF("Saldo vencido", 12, True),
]
MEMBRETE = {
    "institucion": "Organismo Operador de Agua de Navojoa",
    "domicilio": "Calle Pesqueira 100, Centro",
    "rfc": "OOA850101AB1",
}


def _pdf(filas, totales=("", "TOTAL", "", "", "$1.00"), encabezado=("Cartera: Agua",)):
    destino = io.BytesIO()
    paginas = tabla_pdf(
        destino,
        titulo="Lista de morosos LM26-000007",
        membrete=MEMBRETE,
        columnas=COLUMNAS,
        filas=iter(filas),
        total_filas=len(filas),
        encabezado=list(encabezado),
        totales=list(totales) if totales else None,
        derecha_membrete=["Fecha de corte: 15/05/2026"],
        pie="Lista de morosos LM26-000007",
    )
    return paginas, PdfReader(io.BytesIO(destino.getvalue()))


def _fila(i):
    return [
        f"{i:,}",
        f"06{i:07d}",
        f"Ñeca Pérez Ibarra {i}",
        f"Boulevard Luis Encinas Johnson y Calle de los Insurgentes {i} Int. B",
        f"${i:,}.50",
    ]


def test_cada_renglon_una_vez_y_cada_pagina_numerada_con_membrete():
    filas = [_fila(i) for i in range(1, 181)]
    paginas, lector = _pdf(filas)
    assert paginas == len(lector.pages) == paginas_de(180, 1, True) > 3
    vistas = []
    for n, pagina in enumerate(lector.pages, 1):
        texto = pagina.extract_text()
        assert "Organismo Operador de Agua de Navojoa" in texto and "RFC OOA850101AB1" in texto
        assert "Lista de morosos LM26-000007" in texto and "Fecha de corte: 15/05/2026" in texto
        assert "Titular" in texto and "Saldo vencido" in texto  # the header row, every page
        assert texto.rstrip().endswith(f"Página {n} de {paginas}")
        vistas += re.findall(r"\b06\d{7}\b", texto)
    assert vistas == [f"06{i:07d}" for i in range(1, 181)]
    assert "TOTAL" in lector.pages[-1].extract_text()
    assert "Ñeca Pérez Ibarra 180" in lector.pages[-1].extract_text()


def test_los_totales_que_no_caben_van_a_una_pagina_mas():
    _, lector = _pdf([_fila(1)])
    una = paginas_de(1, 1, True)
    llena = next(n for n in range(1, 200) if paginas_de(n, 1, False) == 2) - 1
    assert paginas_de(llena, 1, True) == 2 and una == len(lector.pages) == 1
    paginas, lector = _pdf([_fila(i) for i in range(1, llena + 1)])
    assert paginas == 2 and "TOTAL" in lector.pages[1].extract_text()


def test_una_lista_vacia_imprime_su_encabezado_y_total():
    paginas, lector = _pdf([])
    assert paginas == 1 and "TOTAL" in lector.pages[0].extract_text()


def test_mas_renglones_que_el_total_es_un_error():
    with pytest.raises(ValueError, match="más renglones"):
        tabla_pdf(
            io.BytesIO(),
            titulo="x",
            membrete=MEMBRETE,
            columnas=COLUMNAS,
            filas=iter([_fila(1), _fila(2)]),
            total_filas=1,
        )
