"""Fill the gettext catalogues after `makemessages`: es and pt from the table below, en from the source.

    .venv/bin/python manage.py makemessages -l es -l pt -l en --ignore=.venv --ignore=node_modules \\
        --ignore=staticfiles --ignore=bench --ignore=tests
    .venv/bin/python locale/tools/fill_catalogues.py      # prints msgids still missing from TABLE
    .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules

English is the source language, so en msgstr = msgid. Add new strings to TABLE as (es, pt), plurals as
((es_one, es_many), (pt_one, pt_many)).
"""

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def parse(text):
    entries = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        entry = {"comments": [], "fields": {}}
        key = None
        for line in lines:
            if line.startswith("#"):
                entry["comments"].append(line)
                key = None
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if m:
                key = m.group(1)
                entry["fields"][key] = [m.group(2)]
            elif line.startswith('"') and key:
                entry["fields"][key].append(line)
        entries.append(entry)
    return entries


def text_of(quoted_lines):
    out = ""
    for q in quoted_lines:
        s = q[1:-1]
        out += s.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")
    return out


def dump(entries):
    blocks = []
    for e in entries:
        lines = list(e["comments"])
        for k, v in e["fields"].items():
            if isinstance(v, str):
                lines.append(f"{k} {quote(v)}")
            else:
                lines.append(f"{k} {v[0]}")
                lines.extend(v[1:])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


TABLE = {
    "missing language": ("idioma faltante", "idioma em falta"),
    "section": ("sección", "seção"),
    "Publishing": ("Publicación", "Publicação"),
    "Display": ("Presentación", "Apresentação"),
    "Image": ("Imagen", "Imagem"),
    "Classification": ("Clasificación", "Classificação"),
    "Source": ("Origen", "Origem"),
    "languages": ("idiomas", "idiomas"),
    "posts": ("entradas", "publicações"),
    "Blog": ("Blog", "Blog"),
    "News": ("Noticias", "Notícias"),
    "Events": ("Eventos", "Eventos"),
    "Archive": ("Archivo", "Arquivo"),
    "The newest posts from %(site)s.": (
        "Las entradas más recientes de %(site)s.",
        "As publicações mais recentes de %(site)s.",
    ),
    "The newest posts about %(term)s on %(site)s.": (
        "Las entradas más recientes sobre %(term)s en %(site)s.",
        "As publicações mais recentes sobre %(term)s em %(site)s.",
    ),
    "The newest posts by %(author)s on %(site)s.": (
        "Las entradas más recientes de %(author)s en %(site)s.",
        "As publicações mais recentes de %(author)s em %(site)s.",
    ),
    "Use letters, numbers, dots, hyphens or underscores.": (
        "Use letras, números, puntos, guiones o guiones bajos.",
        "Use letras, números, pontos, hífens ou sublinhados.",
    ),
    "key": ("clave", "chave"),
    "name": ("nombre", "nome"),
    "bio": ("biografía", "biografia"),
    "avatar": ("avatar", "avatar"),
    "GitHub user": ("usuario de GitHub", "usuário do GitHub"),
    "X/Twitter user": ("usuario de X/Twitter", "usuário do X/Twitter"),
    "LinkedIn profile": ("perfil de LinkedIn", "perfil do LinkedIn"),
    "Mastodon address": ("dirección de Mastodon", "endereço do Mastodon"),
    "email": ("correo electrónico", "e-mail"),
    "website": ("sitio web", "site"),
    "author": ("autor", "autor"),
    "authors": ("autores", "autores"),
    "slug": ("slug", "slug"),
    "category": ("categoría", "categoria"),
    "categories": ("categorías", "categorias"),
    "tag": ("etiqueta", "etiqueta"),
    "tags": ("etiquetas", "etiquetas"),
    "series": ("serie", "série"),
    "title": ("título", "título"),
    "summary": ("resumen", "resumo"),
    "body (Markdown)": ("cuerpo (Markdown)", "corpo (Markdown)"),
    "date": ("fecha", "data"),
    "updated": ("actualizado", "atualizado"),
    "draft": ("borrador", "rascunho"),
    "featured": ("destacado", "destaque"),
    "pinned": ("fijado", "fixado"),
    "in carousel": ("en el carrusel", "no carrossel"),
    "table of contents": ("índice", "sumário"),
    "comments": ("comentarios", "comentários"),
    "reward": ("recompensa", "recompensa"),
    "cover image": ("imagen de portada", "imagem de capa"),
    "original image path": ("ruta original de la imagen", "caminho original da imagem"),
    "As written in the source file.": (
        "Tal como aparece en el archivo de origen.",
        "Tal como aparece no arquivo de origem.",
    ),
    "cover renditions": ("versiones de la portada", "versões da capa"),
    "translation key": ("clave de traducción", "chave de tradução"),
    "other source keys": ("otras claves del origen", "outras chaves da origem"),
    "source key": ("clave de origen", "chave de origem"),
    "post": ("entrada", "publicação"),
    "Hugo URL": ("URL de Hugo", "URL do Hugo"),
    "front-matter alias": ("alias del front matter", "alias do front matter"),
    "earlier slug": ("slug anterior", "slug anterior"),
    "path": ("ruta", "caminho"),
    "language": ("idioma", "idioma"),
    "origin": ("origen", "origem"),
    "old URL": ("URL antigua", "URL antiga"),
    "old URLs": ("URL antiguas", "URLs antigas"),
    "Link to this section": ("Enlace a esta sección", "Link para esta seção"),
    "Articles, news and events from the %(site)s community.": (
        "Artículos, noticias y eventos de la comunidad %(site)s.",
        "Artigos, notícias e eventos da comunidade %(site)s.",
    ),
    "The image is too large (%(pixels)s pixels).": (
        "La imagen es demasiado grande (%(pixels)s píxeles).",
        "A imagem é grande demais (%(pixels)s pixels).",
    ),
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.": (
        "Suba una imagen válida. El archivo que subió no era una imagen o estaba dañado.",
        "Envie uma imagem válida. O arquivo enviado não era uma imagem ou estava corrompido.",
    ),
    "OpenInfra": ("OpenInfra", "OpenInfra"),
    "Search": ("Buscar", "Pesquisar"),
    "Spanish": ("Español", "Espanhol"),
    "Portuguese": ("Portugués", "Português"),
    "English": ("Inglés", "Inglês"),
    "when": ("cuándo", "quando"),
    "Upcoming": ("Próximos", "Próximos"),
    "Past": ("Pasados", "Passados"),
    "Without a date": ("Sin fecha", "Sem data"),
    "when (in the event's time zone)": (
        "cuándo (en la zona horaria del evento)",
        "quando (no fuso horário do evento)",
    ),
    "Date not known": ("Fecha por confirmar", "Data a confirmar"),
    "%(value)s is not a known time zone.": (
        "%(value)s no es una zona horaria conocida.",
        "%(value)s não é um fuso horário conhecido.",
    ),
    "description (Markdown)": ("descripción (Markdown)", "descrição (Markdown)"),
    "starts at": ("empieza", "começa"),
    "ends at": ("termina", "termina"),
    "all day": ("todo el día", "dia inteiro"),
    "Only the dates are known or matter: the times are ignored.": (
        "Solo se conocen o importan las fechas: se ignoran las horas.",
        "Só as datas são conhecidas ou importam: os horários são ignorados.",
    ),
    "time zone": ("zona horaria", "fuso horário"),
    "IANA name, for example America/Bogota.": (
        "Nombre IANA, por ejemplo America/Bogota.",
        "Nome IANA, por exemplo America/Sao_Paulo.",
    ),
    "venue": ("lugar", "local"),
    "city": ("ciudad", "cidade"),
    "country": ("país", "país"),
    "call for proposals": ("convocatoria de charlas", "chamada de propostas"),
    "event": ("evento", "evento"),
    "events": ("eventos", "eventos"),
    "An event cannot end before it starts.": (
        "Un evento no puede terminar antes de empezar.",
        "Um evento não pode terminar antes de começar.",
    ),
    "Events the community runs and attends: upcoming and past.": (
        "Eventos que la comunidad organiza y a los que asiste: próximos y pasados.",
        "Eventos que a comunidade organiza e dos quais participa: próximos e passados.",
    ),
    "No dated event with that address.": (
        "No hay un evento con fecha en esa dirección.",
        "Não há evento com data nesse endereço.",
    ),
    "%(site)s events": ("Eventos de %(site)s", "Eventos de %(site)s"),
    "Too many failed login attempts. Try again in %(minutes)d minutes.": (
        "Demasiados intentos fallidos de inicio de sesión. Vuelva a intentarlo en %(minutes)d minutos.",
        "Muitas tentativas de login malsucedidas. Tente novamente em %(minutes)d minutos.",
    ),
    "Page not found": ("Página no encontrada", "Página não encontrada"),
    "This post is not available in this language": (
        "Esta entrada no está disponible en este idioma",
        "Esta publicação não está disponível neste idioma",
    ),
    "You can read it in:": ("Puede leerla en:", "Você pode lê-la em:"),
    "The page you are looking for does not exist or has moved.": (
        "La página que busca no existe o se ha movido.",
        "A página que você procura não existe ou foi movida.",
    ),
    "Go to the home page": ("Ir a la página de inicio", "Ir para a página inicial"),
    "Browse the archive": ("Explorar el archivo", "Explorar o arquivo"),
    "Server error": ("Error del servidor", "Erro do servidor"),
    "Something went wrong": ("Algo salió mal", "Algo deu errado"),
    "An error occurred on our side. It has been logged; please try again in a moment.": (
        "Ocurrió un error de nuestro lado. Quedó registrado; vuelva a intentarlo en un momento.",
        "Ocorreu um erro do nosso lado. Ele foi registrado; tente novamente em instantes.",
    ),
    "Skip to content": ("Saltar al contenido", "Pular para o conteúdo"),
    "Main": ("Principal", "Principal"),
    "Footer": ("Pie de página", "Rodapé"),
    "Breadcrumb": ("Ruta de navegación", "Trilha de navegação"),
    "Home": ("Inicio", "Início"),
    "%(counter)s post": (
        ("%(counter)s entrada", "%(counter)s entradas"),
        ("%(counter)s publicação", "%(counter)s publicações"),
    ),
    "No posts yet.": ("Todavía no hay entradas.", "Ainda não há publicações."),
    "Authors": ("Autores", "Autores"),
    "Author": ("Autor", "Autor"),
    "Sidebar": ("Barra lateral", "Barra lateral"),
    "Pinned": ("Fijadas", "Fixadas"),
    "Latest posts": ("Últimas entradas", "Últimas publicações"),
    "carousel": ("carrusel", "carrossel"),
    "Featured posts": ("Entradas destacadas", "Publicações em destaque"),
    "slide": ("diapositiva", "slide"),
    "%(number)s of %(total)s": ("%(number)s de %(total)s", "%(number)s de %(total)s"),
    "Read more": ("Leer más", "Leia mais"),
    "Previous slide": ("Diapositiva anterior", "Slide anterior"),
    "Show slide %(number)s": ("Mostrar diapositiva %(number)s", "Mostrar slide %(number)s"),
    "Next slide": ("Diapositiva siguiente", "Próximo slide"),
    "Pause automatic slide show": ("Pausar el pase automático", "Pausar a apresentação automática"),
    "Start automatic slide show": ("Iniciar el pase automático", "Iniciar a apresentação automática"),
    "Pages": ("Páginas", "Páginas"),
    "Newer posts": ("Entradas más recientes", "Publicações mais recentes"),
    "Page %(number)s of %(total)s": ("Página %(number)s de %(total)s", "Página %(number)s de %(total)s"),
    "Older posts": ("Entradas anteriores", "Publicações anteriores"),
    "Only in %(language)s": ("Solo en %(language)s", "Só em %(language)s"),
    "%(minutes)s min read": (
        ("%(minutes)s min de lectura", "%(minutes)s min de lectura"),
        ("%(minutes)s min de leitura", "%(minutes)s min de leitura"),
    ),
    "Tags": ("Etiquetas", "Etiquetas"),
    "Featured": ("Destacadas", "Destaques"),
    "Recent posts": ("Entradas recientes", "Publicações recentes"),
    "Categories": ("Categorías", "Categorias"),
    "Series": ("Series", "Séries"),
    "%(name)s elsewhere": ("%(name)s en otros sitios", "%(name)s em outros sites"),
    "Website": ("Sitio web", "Site"),
    "Email": ("Correo", "E-mail"),
    "Updated": ("Actualizado", "Atualizado"),
    "By": ("Por", "Por"),
    "Contents": ("Contenido", "Conteúdo"),
    "Series: %(name)s": ("Serie: %(name)s", "Série: %(name)s"),
    "All posts in this series": ("Todas las entradas de esta serie", "Todas as publicações desta série"),
    "More posts": ("Más entradas", "Mais publicações"),
    "Previous post": ("Entrada anterior", "Publicação anterior"),
    "Next post": ("Entrada siguiente", "Próxima publicação"),
    "Related posts": ("Entradas relacionadas", "Publicações relacionadas"),
    "Category": ("Categoría", "Categoria"),
    "Tag": ("Etiqueta", "Etiqueta"),
    "Section": ("Sección", "Seção"),
    "Search: %(query)s": ("Búsqueda: %(query)s", "Pesquisa: %(query)s"),
    "Search posts": ("Buscar entradas", "Pesquisar publicações"),
    "Your search was shortened to its first %(limit)s characters.": (
        "Su búsqueda se acortó a sus primeros %(limit)s caracteres.",
        "Sua pesquisa foi encurtada para os primeiros %(limit)s caracteres.",
    ),
    "%(counter)s result for “%(query)s”.": (
        ("%(counter)s resultado para «%(query)s».", "%(counter)s resultados para «%(query)s»."),
        ("%(counter)s resultado para “%(query)s”.", "%(counter)s resultados para “%(query)s”."),
    ),
    "Search result pages": ("Páginas de resultados", "Páginas de resultados"),
    "Previous": ("Anterior", "Anterior"),
    "Next": ("Siguiente", "Próxima"),
    "No posts match “%(query)s”.": (
        "Ninguna entrada coincide con «%(query)s».",
        "Nenhuma publicação corresponde a “%(query)s”.",
    ),
    "Type one or more words to search the posts in this language.": (
        "Escriba una o más palabras para buscar entre las entradas en este idioma.",
        "Digite uma ou mais palavras para pesquisar as publicações neste idioma.",
    ),
    "When": ("Cuándo", "Quando"),
    "Where": ("Dónde", "Onde"),
    "Find it on OpenStreetMap": ("Ver en OpenStreetMap", "Ver no OpenStreetMap"),
    "Call for proposals": ("Convocatoria de charlas", "Chamada de propostas"),
    "Add to calendar": ("Añadir al calendario", "Adicionar ao calendário"),
    "Posts about this event": ("Entradas sobre este evento", "Publicações sobre este evento"),
    "Events calendar": ("Calendario de eventos", "Calendário de eventos"),
    "Subscribe to the events calendar (.ics)": (
        "Suscribirse al calendario de eventos (.ics)",
        "Assinar o calendário de eventos (.ics)",
    ),
    "Upcoming events": ("Próximos eventos", "Próximos eventos"),
    "No upcoming events.": ("No hay eventos próximos.", "Não há eventos próximos."),
    "Past events": ("Eventos pasados", "Eventos passados"),
    "Past events pages": ("Páginas de eventos pasados", "Páginas de eventos passados"),
    "Newer": ("Más recientes", "Mais recentes"),
    "Page %(number)s of %(count)s": ("Página %(number)s de %(count)s", "Página %(number)s de %(count)s"),
    "Older": ("Anteriores", "Anteriores"),
    "Event": (("Evento", "Eventos"), ("Evento", "Eventos")),
    "All events": ("Todos los eventos", "Todos os eventos"),
    "Language": ("Idioma", "Idioma"),
    "This page is not available in this language": (
        "Esta página no está disponible en este idioma",
        "Esta página não está disponível neste idioma",
    ),
    "not available": ("no disponible", "não disponível"),
    "Feeds": ("Fuentes", "Feeds"),
    "Search…": ("Buscar…", "Pesquisar…"),
    "Guides": ("Guías", "Guias"),
    # Month names (blog/month_names.py): lowercase in pt, unlike Django's own catalogue.
    "January": ("enero", "janeiro"),
    "February": ("febrero", "fevereiro"),
    "March": ("marzo", "março"),
    "April": ("abril", "abril"),
    "May": ("mayo", "maio"),
    "June": ("junio", "junho"),
    "July": ("julio", "julho"),
    "August": ("agosto", "agosto"),
    "September": ("septiembre", "setembro"),
    "October": ("octubre", "outubro"),
    "November": ("noviembre", "novembro"),
    "December": ("diciembre", "dezembro"),
}


def main() -> None:
    missing = set()
    for lang in ("es", "pt", "en"):
        path = LOCALE / lang / "LC_MESSAGES" / "django.po"
        entries = parse(open(path, encoding="utf-8").read())
        header = entries[0]
        header["fields"]["msgstr"] = [
            line.replace("Language: \\n", f"Language: {lang}\\n").replace(
                "Content-Type: text/plain; charset=CHARSET", "Content-Type: text/plain; charset=UTF-8"
            )
            for line in header["fields"]["msgstr"]
        ]
        header["comments"] = [c for c in header["comments"] if c != "#, fuzzy"]
        for e in entries[1:]:
            f = e["fields"]
            msgid = text_of(f["msgid"])
            plural = text_of(f["msgid_plural"]) if "msgid_plural" in f else None
            e["comments"] = [
                c for c in e["comments"] if not c.startswith("#, fuzzy") and not c.startswith("#| ")
            ]
            if lang == "en":
                if plural is None:
                    f["msgstr"] = msgid
                else:
                    f["msgstr[0]"], f["msgstr[1]"] = msgid, plural
                continue
            if msgid not in TABLE:
                missing.add(msgid)
                continue
            value = TABLE[msgid][0 if lang == "es" else 1]
            if plural is None:
                f["msgstr"] = value
            else:
                f["msgstr[0]"], f["msgstr[1]"] = value
                if lang == "es":  # Django's Spanish plural rule has a third form (millions)
                    f["msgstr[2]"] = value[1]
                for k in [k for k in f if k.startswith("msgstr[") and k not in ("msgstr[0]", "msgstr[1]")]:
                    f[k] = value[1]
        open(path, "w", encoding="utf-8").write(dump(entries))
    print("missing:", sorted(missing))


if __name__ == "__main__":
    main()
