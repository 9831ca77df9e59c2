<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>ablation</name>
    <message>
        <source>layer {layer} head {head}</source>
        <translation>camada {layer} cabeça {head}</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>camada {layer}</translation>
    </message>
    <message>
        <source>the positional encoding</source>
        <translation>a codificação posicional</translation>
    </message>
    <message>
        <source>without {parts}</source>
        <translation>sem {parts}</translation>
    </message>
    <message>
        <source>the whole model</source>
        <translation>o modelo inteiro</translation>
    </message>
    <message>
        <source>{what}: (no validation text for this model to measure the loss on)</source>
        <translation>{what}: (não há texto de validação para medir a perda deste modelo)</translation>
    </message>
    <message>
        <source>{what}: validation loss {before} → {after}</source>
        <translation>{what}: perda de validação {before} → {after}</translation>
    </message>
    <message>
        <source>{what}: val loss {before} → {after}</source>
        <translation>{what}: perda de validação {before} → {after}</translation>
    </message>
</context>
<context>
    <name>architecture_diagram</name>
    <message>
        <source>mask</source>
        <translation>máscara</translation>
    </message>
    <message>
        <source>Decoder block × {n}</source>
        <translation>Bloco decodificador × {n}</translation>
    </message>
    <message>
        <source>pre-norm (GPT-2)</source>
        <translation>pré-norma (GPT-2)</translation>
    </message>
    <message>
        <source>post-norm (2017)</source>
        <translation>pós-norma (2017)</translation>
    </message>
    <message>
        <source>Click to see its live tensor.</source>
        <translation>Clique para ver o tensor ao vivo.</translation>
    </message>
</context>
<context>
    <name>attention_view</name>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>cabeça {n}</translation>
    </message>
    <message>
        <source>layer {layer} · {head}</source>
        <translation>camada {layer} · {head}</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>média das cabeças</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>peso de atenção</translation>
    </message>
    <message>
        <source>query</source>
        <translation>consulta</translation>
    </message>
    <message>
        <source>key (attended to)</source>
        <translation>chave (atendida)</translation>
    </message>
    <message>
        <source>{title} · hover a cell to read its weight</source>
        <translation>{title} · passe o mouse sobre uma célula para ler o peso</translation>
    </message>
    <message>
        <source>query ‘{query}’ (pos {q}) → key ‘{key}’ (pos {k}): {weight}</source>
        <translation>consulta ‘{query}’ (pos {q}) → chave ‘{key}’ (pos {k}): {weight}</translation>
    </message>
    <message>
        <source>(switched off in the Heads tab)</source>
        <translation>(desligada na aba Cabeças)</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>média</translation>
    </message>
    <message>
        <source>All layers (rows) × heads (columns) · click one to enlarge</source>
        <translation>Camadas (linhas) × cabeças (colunas) · clique para ampliar</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Cabeça</translation>
    </message>
</context>
<context>
    <name>attribution</name>
    <message>
        <source>layer {layer} head {head}</source>
        <translation>camada {layer} cabeça {head}</translation>
    </message>
    <message>
        <source>layer {layer} feed-forward</source>
        <translation>camada {layer} feed-forward</translation>
    </message>
    <message>
        <source>token embedding</source>
        <translation>incorporação do token</translation>
    </message>
    <message>
        <source>position embedding</source>
        <translation>incorporação da posição</translation>
    </message>
    <message>
        <source>This model normalises after each residual add (post-norm), so its logit is not a sum of what each part wrote: “why this token?” needs a pre-norm model (GPT-2&apos;s).</source>
        <translation>Este modelo normaliza depois de cada soma residual (pós-norma), então o seu logit não é uma soma do que cada parte escreveu: “por que este token?” precisa de um modelo pré-norma (como o GPT-2).</translation>
    </message>
</context>
<context>
    <name>baselines</name>
    <message>
        <source>Witten-Bell interpolation (unigram: add-one)</source>
        <translation>interpolação de Witten-Bell (unigrama: soma um)</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <source>unigram</source>
        <translation>unigrama</translation>
    </message>
    <message>
        <source>bigram</source>
        <translation>bigrama</translation>
    </message>
    <message>
        <source>trigram</source>
        <translation>trigrama</translation>
    </message>
</context>
<context>
    <name>checkpoint</name>
    <message>
        <source>{where} is not a checkpoint folder. Choose the folder that holds {manifest}.</source>
        <translation>{where} não é uma pasta de modelo salvo. Escolha a pasta que contém {manifest}.</translation>
    </message>
    <message>
        <source>{where} has no {manifest}: it is not a checkpoint (or it was not saved completely).</source>
        <translation>{where} não tem {manifest}: não é um modelo salvo (ou não foi salvo por completo).</translation>
    </message>
    <message>
        <source>{where}: {e}. The checkpoint cannot be read.</source>
        <translation>{where}: {e}. O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>{where}: {manifest} is damaged ({e}). The checkpoint cannot be read.</source>
        <translation>{where}: {manifest} está danificado ({e}). O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>{where}: the weights file it names ({value}) is not a plain file inside the checkpoint folder. The checkpoint cannot be read.</source>
        <translation>{where}: o arquivo de pesos indicado ({value}) não é um arquivo comum dentro da pasta do modelo. O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>{where}: the weights file cannot be read ({e}). If the model is being saved right now, open it again when the save is done.</source>
        <translation>{where}: o arquivo de pesos não pode ser lido ({e}). Se o modelo está sendo salvo agora, abra-o de novo quando terminar.</translation>
    </message>
    <message>
        <source>{where}: the weights file is damaged or truncated (its checksum does not match).</source>
        <translation>{where}: o arquivo de pesos está danificado ou truncado (a soma de verificação não confere).</translation>
    </message>
    <message>
        <source>{where}: the weights file cannot be read ({e}).</source>
        <translation>{where}: o arquivo de pesos não pode ser lido ({e}).</translation>
    </message>
    <message>
        <source>{where}: the saved weights contain NaN or infinite numbers (training had diverged when it was saved). Train the model again with a lower learning rate.</source>
        <translation>{where}: os pesos salvos contêm NaN ou números infinitos (o treino tinha divergido quando foi salvo). Treine o modelo de novo com uma taxa de aprendizado menor.</translation>
    </message>
    <message>
        <source>{where}: the saved random state is damaged. The checkpoint cannot be read.</source>
        <translation>{where}: o estado aleatório salvo está danificado. O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>{where}: {manifest} is not a table of values. The checkpoint cannot be read.</source>
        <translation>{where}: {manifest} não é uma tabela de valores. O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>{where} is in an unknown format ({value}).</source>
        <translation>{where} está num formato desconhecido ({value}).</translation>
    </message>
    <message>
        <source>{where}: {manifest} is incomplete (missing {value}). The checkpoint cannot be read.</source>
        <translation>{where}: {manifest} está incompleto (falta {value}). O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>step must be a whole number from 0 to {max_step} (got {value})</source>
        <translation>o passo deve ser um número inteiro de 0 a {max_step} (veio {value})</translation>
    </message>
    <message>
        <source>elapsed_s must be a number of seconds (got {value})</source>
        <translation>elapsed_s deve ser um número de segundos (veio {value})</translation>
    </message>
    <message>
        <source>corpus_name must be text</source>
        <translation>corpus_name deve ser texto</translation>
    </message>
    <message>
        <source>weights_sha256 must be a SHA-256 in hex</source>
        <translation>weights_sha256 deve ser um SHA-256 em hexadecimal</translation>
    </message>
    <message>
        <source>optimizer_param_groups must be a list of tables of numbers</source>
        <translation>optimizer_param_groups deve ser uma lista de tabelas de números</translation>
    </message>
    <message>
        <source>{where}: {manifest} has bad values ({value}). The checkpoint cannot be read.</source>
        <translation>{where}: {manifest} tem valores inválidos ({value}). O modelo salvo não pode ser lido.</translation>
    </message>
    <message>
        <source>The saved tokenizer is damaged (not a table of values).</source>
        <translation>O tokenizador salvo está danificado (não é uma tabela de valores).</translation>
    </message>
    <message>
        <source>{where}: {e}</source>
        <translation>{where}: {e}</translation>
    </message>
    <message>
        <source>{where}: the model expects {model_vocab} tokens but the saved tokenizer has {tokenizer_vocab}. The checkpoint is inconsistent.</source>
        <translation>{where}: o modelo espera {model_vocab} tokens, mas o tokenizador salvo tem {tokenizer_vocab}. O modelo salvo é inconsistente.</translation>
    </message>
    <message>
        <source>its header is missing or damaged</source>
        <translation>o cabeçalho falta ou está danificado</translation>
    </message>
    <message>
        <source>its header is not a table</source>
        <translation>o cabeçalho não é uma tabela</translation>
    </message>
    <message>
        <source>its entry for {value} is damaged</source>
        <translation>a entrada de {value} está danificada</translation>
    </message>
    <message>
        <source>its entry for {value} does not add up</source>
        <translation>a entrada de {value} não fecha</translation>
    </message>
    <message>
        <source>it is {size} bytes but its header describes {value}</source>
        <translation>ele tem {size} bytes, mas o cabeçalho descreve {value}</translation>
    </message>
    <message>
        <source>{where}: the weights file is damaged ({e}).</source>
        <translation>{where}: o arquivo de pesos está danificado ({e}).</translation>
    </message>
    <message>
        <source>{where}: the weights do not match the saved model settings ({value}).</source>
        <translation>{where}: os pesos não combinam com as configurações salvas do modelo ({value}).</translation>
    </message>
    <message>
        <source>optimizer groups differ</source>
        <translation>os grupos do otimizador diferem</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s saved optimizer state does not fit its model: it is damaged. Open it to look inside, or start a new run from its settings.</source>
        <translation>O estado do otimizador salvo não combina com o modelo: está danificado. Abra-o para olhar por dentro, ou comece uma nova execução com as configurações dele.</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s saved random state is damaged; it cannot be trained on exactly. Start a new run from its settings instead.</source>
        <translation>O estado aleatório salvo está danificado; o treino não pode continuar exatamente. Comece uma nova execução com as configurações dele.</translation>
    </message>
</context>
<context>
    <name>compare_pane</name>
    <message>
        <source>Stop comparing</source>
        <translation>Parar de comparar</translation>
    </message>
    <message>
        <source>“{name}” knows no token of this prompt.</source>
        <translation>“{name}” não conhece nenhum token deste prompt.</translation>
    </message>
    <message>
        <source>Beside it: “{name}”, {n} tokens of this prompt</source>
        <translation>Ao lado: “{name}”, {n} tokens deste prompt</translation>
    </message>
    <message>
        <source>It has {layers} layers × {heads} heads: the nearest head is shown.</source>
        <translation>Ele tem {layers} camadas × {heads} cabeças: a cabeça mais próxima é mostrada.</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>{setting} must be a whole number from {lo} to {hi} (got {got}).</source>
        <translation>{setting} deve ser um número inteiro de {lo} a {hi} (veio {got}).</translation>
    </message>
    <message>
        <source>d_model ({d_model}) must divide evenly among {n_head} heads; try d_model {lower} or {higher}.</source>
        <translation>d_model ({d_model}) precisa se dividir igualmente entre {n_head} cabeças; tente d_model {lower} ou {higher}.</translation>
    </message>
    <message>
        <source>The feed-forward multiplier must be 1–8 (got {ff_mult}).</source>
        <translation>O multiplicador da feed-forward deve ser de 1 a 8 (veio {ff_mult}).</translation>
    </message>
    <message>
        <source>Dropout must be a number at least 0 and below 1 (got {dropout}).</source>
        <translation>O dropout deve ser um número de 0 até abaixo de 1 (veio {dropout}).</translation>
    </message>
    <message>
        <source>The layer norm epsilon must be a small positive number (got {eps}).</source>
        <translation>O épsilon da normalização de camada deve ser um número positivo pequeno (veio {eps}).</translation>
    </message>
    <message>
        <source>Tied embeddings must be true or false (got {tie_embeddings}).</source>
        <translation>Incorporações amarradas deve ser verdadeiro ou falso (veio {tie_embeddings}).</translation>
    </message>
    <message>
        <source>The causal mask setting must be true or false (got {causal}).</source>
        <translation>A máscara causal deve ser verdadeiro ou falso (veio {causal}).</translation>
    </message>
    <message>
        <source>{key} must be one of {choices} (got {got}).</source>
        <translation>{key} deve ser um de {choices} (veio {got}).</translation>
    </message>
    <message>
        <source>{layers} × [{heads}-head attention → FFN {d_ff}] · d_model {d} · context {context}</source>
        <translation>{layers} × [atenção de {heads} cabeças → FFN {d_ff}] · d_model {d} · contexto {context}</translation>
    </message>
    <message>
        <source>The model settings are not a table of values (got {kind}).</source>
        <translation>As configurações do modelo não são uma tabela de valores (veio {kind}).</translation>
    </message>
    <message>
        <source>Unknown model settings: {names}.</source>
        <translation>Configurações de modelo desconhecidas: {names}.</translation>
    </message>
</context>
<context>
    <name>copies</name>
    <message>
        <source>longest copy from the training text: {n} characters · {percent}% of {piece}-character pieces seen in training</source>
        <translation>maior cópia do texto de treino: {n} caracteres · {percent}% dos trechos de {piece} caracteres já vistos no treino</translation>
    </message>
</context>
<context>
    <name>copy_marks</name>
    <message>
        <source>Highlighted: stretches of {n}+ characters found in the training text; click one to see where.</source>
        <translation>Destacados: trechos de {n}+ caracteres encontrados no texto de treino; clique em um para ver onde.</translation>
    </message>
    <message>
        <source>Nothing of {n} characters or more is copied: this text is new.</source>
        <translation>Nada com {n} caracteres ou mais foi copiado: este texto é novo.</translation>
    </message>
    <message>
        <source>These {n} characters stand in the training text at character {at}:</source>
        <translation>Estes {n} caracteres estão no texto de treino a partir do caractere {at}:</translation>
    </message>
</context>
<context>
    <name>corpus</name>
    <message>
        <source>a PNG image</source>
        <translation>uma imagem PNG</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>uma imagem JPEG</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>uma imagem GIF</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>um documento PDF</translation>
    </message>
    <message>
        <source>a ZIP archive (or a Word/Excel/EPUB file)</source>
        <translation>um arquivo ZIP (ou um arquivo do Word/Excel/EPUB)</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>um arquivo gzip</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>um arquivo 7-Zip</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>um arquivo RAR</translation>
    </message>
    <message>
        <source>a program (ELF executable)</source>
        <translation>um programa (executável ELF)</translation>
    </message>
    <message>
        <source>a Windows program</source>
        <translation>um programa do Windows</translation>
    </message>
    <message>
        <source>a macOS program</source>
        <translation>um programa do macOS</translation>
    </message>
    <message>
        <source>an MP3 audio file</source>
        <translation>um arquivo de áudio MP3</translation>
    </message>
    <message>
        <source>a RIFF media file (WAV/AVI/WebP)</source>
        <translation>um arquivo de mídia RIFF (WAV/AVI/WebP)</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>um banco de dados SQLite</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>um pickle do Python</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>carregado</translation>
    </message>
    <message>
        <source>“{name}” does not exist (any more). Check the path and try again.</source>
        <translation>“{name}” não existe (mais). Confira o caminho e tente de novo.</translation>
    </message>
    <message>
        <source>“{name}” is a folder. Drop a single text file (.txt) instead.</source>
        <translation>“{name}” é uma pasta. Solte um único arquivo de texto (.txt).</translation>
    </message>
    <message>
        <source>“{name}” is not a regular file (it is a pipe, socket or device). Drop a plain text file instead.</source>
        <translation>“{name}” não é um arquivo comum (é um pipe, socket ou dispositivo). Solte um arquivo de texto simples.</translation>
    </message>
    <message>
        <source>“{name}” is empty. Choose a file with some text in it.</source>
        <translation>“{name}” está vazio. Escolha um arquivo com algum texto.</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>lendo</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: permission denied. Copy it somewhere you can read, or fix its permissions.</source>
        <translation>“{name}” não pode ser lido: permissão negada. Copie-o para um lugar que você possa ler, ou corrija as permissões.</translation>
    </message>
    <message>
        <source>“{name}” cannot be read ({why}). Try another file.</source>
        <translation>“{name}” não pode ser lido ({why}). Tente outro arquivo.</translation>
    </message>
    <message>
        <source>“{name}” looks like {what}, not text. Drop a plain text file (.txt) instead.</source>
        <translation>“{name}” parece ser {what}, não texto. Solte um arquivo de texto simples (.txt).</translation>
    </message>
    <message>
        <source>“{name}” looks like a binary file, not text. Drop a plain text file (.txt, .md, .csv, source code…) instead.</source>
        <translation>“{name}” parece um arquivo binário, não texto. Solte um arquivo de texto simples (.txt, .md, .csv, código-fonte…).</translation>
    </message>
    <message>
        <source>“{name}” starts with a {label} marker but is not valid {label} (bad bytes at offset {start}). Re-save it as UTF-8.</source>
        <translation>“{name}” começa com uma marca {label}, mas não é {label} válido (bytes inválidos na posição {start}). Salve-o de novo como UTF-8.</translation>
    </message>
    <message>
        <source>“{name}” is UTF-16 text without a byte-order mark; read it as {label}.</source>
        <translation>“{name}” é texto UTF-16 sem marca de ordem de bytes; foi lido como {label}.</translation>
    </message>
    <message>
        <source>“{name}” mixes UTF-8 with another encoding (first non-UTF-8 byte at offset {offset}): the UTF-8 parts were read as UTF-8 and {count} other bytes as Windows-1252. If some characters look wrong, re-save the file as UTF-8.</source>
        <translation>“{name}” mistura UTF-8 com outra codificação (primeiro byte fora do UTF-8 na posição {offset}): as partes em UTF-8 foram lidas como UTF-8 e {count} outros bytes como Windows-1252. Se algum caractere parecer errado, salve o arquivo de novo em UTF-8.</translation>
    </message>
    <message>
        <source>“{name}” is not valid UTF-8 (first bad byte at offset {offset}); read it as {label}. If characters look wrong, re-save the file as UTF-8.</source>
        <translation>“{name}” não é UTF-8 válido (primeiro byte inválido na posição {offset}); foi lido como {label}. Se os caracteres parecerem errados, salve o arquivo de novo em UTF-8.</translation>
    </message>
    <message>
        <source>“{name}” contains only whitespace. Choose a file with some text in it.</source>
        <translation>“{name}” só tem espaços em branco. Escolha um arquivo com algum texto.</translation>
    </message>
    <message>
        <source>learning BPE merges</source>
        <translation>aprendendo as fusões do BPE</translation>
    </message>
    <message>
        <source>building vocabulary</source>
        <translation>montando o vocabulário</translation>
    </message>
    <message>
        <source>tokenizing</source>
        <translation>tokenizando</translation>
    </message>
    <message>
        <source>tokenizer trained</source>
        <translation>tokenizador treinado</translation>
    </message>
</context>
<context>
    <name>corpus_card</name>
    <message>
        <source>Characters</source>
        <translation>Caracteres</translation>
    </message>
    <message>
        <source>Subwords (byte-level BPE)</source>
        <translation>Subpalavras (BPE em bytes)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>How the text is cut into tokens. Characters: one token per character. Subwords: byte-level BPE learned from this text merges frequent character sequences into single tokens, as GPT-2 does.</source>
        <translation>Como o texto é cortado em tokens. Caracteres: um token por caractere. Subpalavras: o BPE em bytes aprendido com este texto junta sequências frequentes de caracteres em tokens únicos, como faz o GPT-2.</translation>
    </message>
    <message>
        <source>BPE vocabulary</source>
        <translation>Vocabulário do BPE</translation>
    </message>
    <message>
        <source>How many subword tokens BPE may learn: 256 bytes plus merges. More tokens make sequences shorter but each token rarer.</source>
        <translation>Quantos tokens de subpalavra o BPE pode aprender: 256 bytes mais as fusões. Mais tokens deixam as sequências mais curtas, mas cada token fica mais raro.</translation>
    </message>
    <message>
        <source>No text loaded</source>
        <translation>Nenhum texto carregado</translation>
    </message>
    <message>
        <source>Every distinct token of the text. ␣ is a space, ⏎ a newline, ⇥ a tab.</source>
        <translation>Todos os tokens distintos do texto. ␣ é um espaço, ⏎ uma quebra de linha, ⇥ uma tabulação.</translation>
    </message>
    <message>
        <source>Validation loss of simple guesses counted on your text: blind (uniform), by how often each token occurs (unigram), from the previous token (bigram) or two (trigram). Smoothing: {smoothing}.</source>
        <translation>Perda de validação de palpites simples contados no seu texto: às cegas (uniforme), pela frequência de cada token (unigrama), pelo token anterior (bigrama) ou pelos dois anteriores (trigrama). Suavização: {smoothing}.</translation>
    </message>
    <message>
        <source>Use these settings</source>
        <translation>Usar estas configurações</translation>
    </message>
    <message>
        <source>Moves the sliders to the suggested values; nothing changes until you click.</source>
        <translation>Move os controles para os valores sugeridos; nada muda até você clicar.</translation>
    </message>
    <message>
        <source>Drop a text file on the window, or File ▸ Open (Ctrl+O).</source>
        <translation>Solte um arquivo de texto na janela, ou use Arquivo ▸ Abrir (Ctrl+O).</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vocabulário</translation>
    </message>
    <message>
        <source>Baselines</source>
        <translation>Referências</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; distinct characters</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; caracteres distintos</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; distinct BPE tokens · {ratio} tokens per character</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; tokens BPE distintos · {ratio} tokens por caractere</translation>
    </message>
    <message>
        <source>{size} · {chars} characters · {encoding}&lt;br&gt;{distinct}&lt;br&gt;split {train} train / {val} validation tokens</source>
        <translation>{size} · {chars} caracteres · {encoding}&lt;br&gt;{distinct}&lt;br&gt;divisão: {train} tokens de treino / {val} de validação</translation>
    </message>
    <message>
        <source>most frequent learned:</source>
        <translation>aprendidos mais frequentes:</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message>
        <source>(nats per token on the validation text; bits per character: {bits})</source>
        <translation>(nats por token no texto de validação; bits por caractere: {bits})</translation>
    </message>
</context>
<context>
    <name>corpus_loader</name>
    <message>
        <source>“{name}” could not be loaded ({error}).</source>
        <translation>Não foi possível carregar “{name}” ({error}).</translation>
    </message>
    <message>
        <source>“{name}” could not be opened ({error}).</source>
        <translation>“{name}” não pôde ser aberto ({error}).</translation>
    </message>
    <message>
        <source>No baselines for “{name}”: {error}.</source>
        <translation>Sem referências para “{name}”: {error}.</translation>
    </message>
    <message>
        <source>Still loading the previous file; drop this one again in a moment.</source>
        <translation>Ainda carregando o arquivo anterior; solte este de novo daqui a pouco.</translation>
    </message>
    <message>
        <source>Still loading the previous file; try again in a moment.</source>
        <translation>Ainda carregando o arquivo anterior; tente de novo daqui a pouco.</translation>
    </message>
    <message>
        <source>“{name}” was cut into subwords (byte-level BPE, {n} tokens), as chosen last time; choose Characters under Tokens in the Data card to go back.</source>
        <translation>“{name}” foi cortado em subpalavras (BPE em bytes, {n} tokens), como escolhido da última vez; escolha Caracteres em Tokens no cartão Dados para voltar.</translation>
    </message>
    <message>
        <source>“{name}” is now {n} tokens from a vocabulary of {vocab}. See the Tokens tab for how it splits.</source>
        <translation>“{name}” agora tem {n} tokens de um vocabulário de {vocab}. Veja na aba Tokens como ele se divide.</translation>
    </message>
    <message>
        <source>Loaded “{name}”. Press Space or ▶ Train to train on it.</source>
        <translation>“{name}” carregado. Pressione Espaço ou ▶ Treinar para treinar com ele.</translation>
    </message>
    <message>
        <source>Still using “{name}”.</source>
        <translation>Continuando com “{name}”.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Text files (*.txt *.md *.csv *.py *.tex *.json *.html);;All files (*)</source>
        <translation>Arquivos de texto (*.txt *.md *.csv *.py *.tex *.json *.html);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Discard the trained model?</source>
        <translation>Descartar o modelo treinado?</translation>
    </message>
    <message>
        <source>This change needs a new model, and the one you trained is not saved.</source>
        <translation>Esta mudança exige um modelo novo, e o que você treinou não está salvo.</translation>
    </message>
    <message>
        <source>Save it first…</source>
        <translation>Salvar antes…</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Save the trained model?</source>
        <translation>Salvar o modelo treinado?</translation>
    </message>
    <message>
        <source>The model you trained is not saved. Save it before quitting?</source>
        <translation>O modelo que você treinou não está salvo. Salvar antes de sair?</translation>
    </message>
    <message>
        <source>Open a text file</source>
        <translation>Abrir um arquivo de texto</translation>
    </message>
    <message>
        <source>Open a saved model folder</source>
        <translation>Abrir a pasta de um modelo salvo</translation>
    </message>
    <message>
        <source>Open a GPT-2 folder (config.json, model.safetensors, tokenizer)</source>
        <translation>Abrir uma pasta de GPT-2 (config.json, model.safetensors, tokenizador)</translation>
    </message>
    <message>
        <source>Export for Hugging Face as a folder</source>
        <translation>Exportar para o Hugging Face como uma pasta</translation>
    </message>
    <message>
        <source>Export a report (one HTML file)</source>
        <translation>Exportar um relatório (um arquivo HTML)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Página web (*.html)</translation>
    </message>
    <message>
        <source>Save model as a folder</source>
        <translation>Salvar o modelo como pasta</translation>
    </message>
    <message>
        <source>Only files on this computer can be dropped here.</source>
        <translation>Só arquivos deste computador podem ser soltos aqui.</translation>
    </message>
    <message>
        <source>{n} files were dropped: drop one text file at a time (or join them into one file first).</source>
        <translation>{n} arquivos foram soltos: solte um arquivo de texto por vez (ou junte-os antes em um só arquivo).</translation>
    </message>
    <message>
        <source>Lessons (*.gptlesson);;All files (*)</source>
        <translation>Aulas (*.gptlesson);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>Salvar aula</translation>
    </message>
    <message>
        <source>A lesson holds the text, the settings, the trained model, the prompt and where the tour stands, in one file to hand to a class.</source>
        <translation>Uma aula guarda o texto, as configurações, o modelo treinado, o prompt e o ponto do tour em um só arquivo para entregar a uma turma.</translation>
    </message>
    <message>
        <source>Lock the architecture (layers, heads, d_model, context, options) for the class</source>
        <translation>Travar a arquitetura (camadas, cabeças, d_model, contexto, opções) para a turma</translation>
    </message>
    <message>
        <source>Lock the tokenizer</source>
        <translation>Travar o tokenizador</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>Abrir aula</translation>
    </message>
</context>
<context>
    <name>durable</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} bytes</translation>
    </message>
    <message>
        <source>The disk is full: nothing more can be saved in {folder}. It needs about {needed} free; {free} are free. Free some space or save elsewhere.</source>
        <translation>O disco está cheio: nada mais pode ser salvo em {folder}. São necessários cerca de {needed} livres; há {free} livres. Libere espaço ou salve em outro lugar.</translation>
    </message>
    <message>
        <source>The disk is full: nothing more can be saved in {folder}. Free some space or save elsewhere.</source>
        <translation>O disco está cheio: nada mais pode ser salvo em {folder}. Libere espaço ou salve em outro lugar.</translation>
    </message>
    <message>
        <source>{folder} cannot be written (permission denied or read-only). Choose another folder.</source>
        <translation>Não é possível gravar em {folder} (permissão negada ou somente leitura). Escolha outra pasta.</translation>
    </message>
    <message>
        <source>Saving to {folder} failed ({why}). Choose another folder.</source>
        <translation>Falha ao salvar em {folder} ({why}). Escolha outra pasta.</translation>
    </message>
</context>
<context>
    <name>explain</name>
    <message>
        <source>Token embedding</source>
        <translation>Incorporação de tokens</translation>
    </message>
    <message>
        <source>Each token id looks up one learned row of a vocabulary × d_model table: the token&apos;s vector. One row per prompt token.</source>
        <translation>Cada id de token busca uma linha aprendida de uma tabela vocabulário × d_model: o vetor do token. Uma linha por token do prompt.</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>Codificação posicional</translation>
    </message>
    <message>
        <source>Attention itself ignores order, so a vector for each position is added to the token&apos;s. Learned positions are trained rows; sinusoidal ones are fixed sine and cosine waves of falling frequency.</source>
        <translation>A atenção em si ignora a ordem, então um vetor de cada posição é somado ao do token. Posições aprendidas são linhas treinadas; as senoidais são ondas fixas de seno e cosseno de frequência decrescente.</translation>
    </message>
    <message>
        <source>Embedding + position</source>
        <translation>Incorporação + posição</translation>
    </message>
    <message>
        <source>The sum of the token and position vectors: what enters the first block as the residual stream.</source>
        <translation>A soma dos vetores de token e de posição: o que entra no primeiro bloco como fluxo residual.</translation>
    </message>
    <message>
        <source>LayerNorm before attention</source>
        <translation>LayerNorm antes da atenção</translation>
    </message>
    <message>
        <source>Each token&apos;s vector is rescaled to mean 0 and variance 1 (then scaled and shifted by learned gains), which keeps the numbers entering attention in a steady range.</source>
        <translation>O vetor de cada token é reescalado para média 0 e variância 1 (depois escalado e deslocado por ganhos aprendidos), o que mantém os números que entram na atenção numa faixa estável.</translation>
    </message>
    <message>
        <source>Queries Q</source>
        <translation>Consultas Q</translation>
    </message>
    <message>
        <source>Q = x·W_Q for this head: what each position is looking for.</source>
        <translation>Q = x·W_Q nesta cabeça: o que cada posição está procurando.</translation>
    </message>
    <message>
        <source>Keys K</source>
        <translation>Chaves K</translation>
    </message>
    <message>
        <source>K = x·W_K for this head: what each position offers to be found by.</source>
        <translation>K = x·W_K nesta cabeça: o que cada posição oferece para ser encontrada.</translation>
    </message>
    <message>
        <source>Values V</source>
        <translation>Valores V</translation>
    </message>
    <message>
        <source>V = x·W_V for this head: what each position hands over when attended to.</source>
        <translation>V = x·W_V nesta cabeça: o que cada posição entrega quando recebe atenção.</translation>
    </message>
    <message>
        <source>Scores QKᵀ/√d_k</source>
        <translation>Pontuações QKᵀ/√d_k</translation>
    </message>
    <message>
        <source>How well each query matches each key, divided by √d_k so the softmax does not saturate as d_k grows. Shown before the mask: the upper triangle holds scores for future tokens.</source>
        <translation>Quanto cada consulta combina com cada chave, dividido por √d_k para que o softmax não sature quando d_k cresce. Mostradas antes da máscara: o triângulo superior guarda as pontuações de tokens futuros.</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>Máscara causal</translation>
    </message>
    <message>
        <source>A position may attend to itself and earlier positions only (1), never to later ones (0): the model must predict the next token without seeing it. Masked scores become −∞ before the softmax.</source>
        <translation>Uma posição só pode atender a si mesma e às anteriores (1), nunca às posteriores (0): o modelo precisa prever o próximo token sem vê-lo. As pontuações mascaradas viram −∞ antes do softmax.</translation>
    </message>
    <message>
        <source>Attention weights softmax(·)</source>
        <translation>Pesos de atenção softmax(·)</translation>
    </message>
    <message>
        <source>The softmax of each row of masked scores: how much each query position takes from each key position. Every row sums to 1; masked entries are exactly 0.</source>
        <translation>O softmax de cada linha das pontuações mascaradas: quanto cada posição de consulta toma de cada posição de chave. Cada linha soma 1; as entradas mascaradas são exatamente 0.</translation>
    </message>
    <message>
        <source>Weighted sum of V</source>
        <translation>Soma ponderada de V</translation>
    </message>
    <message>
        <source>softmax(QKᵀ/√d_k)·V: each position&apos;s new vector for this head, a weighted average of the values it attends to.</source>
        <translation>softmax(QKᵀ/√d_k)·V: o novo vetor de cada posição nesta cabeça, uma média ponderada dos valores a que ela atende.</translation>
    </message>
    <message>
        <source>Heads concatenated</source>
        <translation>Cabeças concatenadas</translation>
    </message>
    <message>
        <source>The outputs of all heads side by side, back to d_model wide: head 1&apos;s columns, then head 2&apos;s, …</source>
        <translation>As saídas de todas as cabeças lado a lado, de volta à largura d_model: as colunas da cabeça 1, depois as da cabeça 2, …</translation>
    </message>
    <message>
        <source>Output projection W_O</source>
        <translation>Projeção de saída W_O</translation>
    </message>
    <message>
        <source>A linear layer mixes the concatenated heads into the update attention adds to the residual stream.</source>
        <translation>Uma camada linear mistura as cabeças concatenadas na atualização que a atenção soma ao fluxo residual.</translation>
    </message>
    <message>
        <source>Add (&amp; norm)</source>
        <translation>Soma (&amp; norma)</translation>
    </message>
    <message>
        <source>The residual connection: the attention update is added to the block&apos;s input, so information can flow past the sublayer unchanged. In post-norm (2017) a LayerNorm follows the sum.</source>
        <translation>A conexão residual: a atualização da atenção é somada à entrada do bloco, para que a informação possa passar pela subcamada sem mudar. Na pós-norma (2017), uma LayerNorm vem depois da soma.</translation>
    </message>
    <message>
        <source>Feed-forward hidden layer</source>
        <translation>Camada oculta da rede feed-forward</translation>
    </message>
    <message>
        <source>max(0, xW₁+b₁) (or GELU): each position alone is expanded to 4 × d_model units; the units that switch on act like detectors of features in the token&apos;s vector.</source>
        <translation>max(0, xW₁+b₁) (ou GELU): cada posição, sozinha, é expandida para 4 × d_model unidades; as unidades que acendem funcionam como detectores de características no vetor do token.</translation>
    </message>
    <message>
        <source>Feed-forward out, add (&amp; norm)</source>
        <translation>Saída da feed-forward, soma (&amp; norma)</translation>
    </message>
    <message>
        <source>W₂ maps the hidden units back to d_model and the result is added to the residual stream: the block&apos;s output, and the next block&apos;s input.</source>
        <translation>W₂ leva as unidades ocultas de volta a d_model e o resultado é somado ao fluxo residual: a saída do bloco e a entrada do próximo.</translation>
    </message>
    <message>
        <source>LayerNorm before the feed-forward</source>
        <translation>LayerNorm antes da feed-forward</translation>
    </message>
    <message>
        <source>The stream, after attention added its update, is normalised again (mean 0, variance 1, then learned gains) before the feed-forward layer reads it.</source>
        <translation>O fluxo, depois de a atenção somar sua atualização, é normalizado de novo (média 0, variância 1, depois ganhos aprendidos) antes de a camada feed-forward lê-lo.</translation>
    </message>
    <message>
        <source>Residual stream norm</source>
        <translation>Norma do fluxo residual</translation>
    </message>
    <message>
        <source>The length ‖x‖ of each token&apos;s vector after the embedding and after every block: how much each layer writes into the stream.</source>
        <translation>O comprimento ‖x‖ do vetor de cada token depois da incorporação e depois de cada bloco: quanto cada camada escreve no fluxo.</translation>
    </message>
    <message>
        <source>Final LayerNorm</source>
        <translation>LayerNorm final</translation>
    </message>
    <message>
        <source>Pre-norm models normalise the stream once more before reading it out.</source>
        <translation>Modelos pré-norma normalizam o fluxo mais uma vez antes de lê-lo na saída.</translation>
    </message>
    <message>
        <source>Logits (linear to the vocabulary)</source>
        <translation>Logits (linear para o vocabulário)</translation>
    </message>
    <message>
        <source>The last position&apos;s vector times the unembedding matrix: one score per vocabulary token. With tied embeddings this matrix is the token embedding table itself.</source>
        <translation>O vetor da última posição vezes a matriz de desincorporação: uma pontuação por token do vocabulário. Com incorporações amarradas, essa matriz é a própria tabela de incorporação de tokens.</translation>
    </message>
    <message>
        <source>Softmax → next-token probabilities</source>
        <translation>Softmax → probabilidades do próximo token</translation>
    </message>
    <message>
        <source>softmax(logits / temperature): the probability of each token coming next. Temperature below 1 sharpens it, above 1 flattens it.</source>
        <translation>softmax(logits / temperatura): a probabilidade de cada token vir a seguir. Temperatura abaixo de 1 deixa a distribuição mais aguda; acima de 1, mais achatada.</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>aprendida</translation>
    </message>
    <message>
        <source>sinusoidal</source>
        <translation>senoidal</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>Tokens (up to {n})</source>
        <translation>Tokens (até {n})</translation>
    </message>
    <message>
        <source>Token embedding ({vocab} × {d})</source>
        <translation>Incorporação de tokens ({vocab} × {d})</translation>
    </message>
    <message>
        <source>+ Positional encoding ({kind})</source>
        <translation>+ Codificação posicional ({kind})</translation>
    </message>
    <message>
        <source>= Residual stream</source>
        <translation>= Fluxo residual</translation>
    </message>
    <message>
        <source>Masked self-attention · {heads} heads × {d}</source>
        <translation>Autoatenção mascarada · {heads} cabeças × {d}</translation>
    </message>
    <message>
        <source>Feed-forward {d}→{d_ff}→{d} · {activation}</source>
        <translation>Feed-forward {d}→{d_ff}→{d} · {activation}</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Soma</translation>
    </message>
    <message>
        <source>Add &amp; LayerNorm</source>
        <translation>Soma &amp; LayerNorm</translation>
    </message>
    <message>
        <source>Linear → {n} logits (tied weights)</source>
        <translation>Linear → {n} logits (pesos amarrados)</translation>
    </message>
    <message>
        <source>Linear → {n} logits</source>
        <translation>Linear → {n} logits</translation>
    </message>
    <message>
        <source>Measured: residual stream norm by layer</source>
        <translation>Medido: norma do fluxo residual por camada</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>cabeça {n}</translation>
    </message>
    <message>
        <source>pos {i}</source>
        <translation>pos {i}</translation>
    </message>
    <message>
        <source>context × d_model = {n} × {d}</source>
        <translation>contexto × d_model = {n} × {d}</translation>
    </message>
    <message>
        <source>This prompt uses positions 0–{last}.</source>
        <translation>Este prompt usa as posições 0–{last}.</translation>
    </message>
    <message>
        <source>Computed as Q·Kᵀ / √{d} = Q·Kᵀ / {root}.</source>
        <translation>Calculado como Q·Kᵀ / √{d} = Q·Kᵀ / {root}.</translation>
    </message>
    <message>
        <source>{n} of {all} query–key pairs are allowed.</source>
        <translation>{n} de {all} pares consulta–chave são permitidos.</translation>
    </message>
    <message>
        <source>Rows sum to 1 (largest deviation {deviation}).</source>
        <translation>As linhas somam 1 (maior desvio {deviation}).</translation>
    </message>
    <message>
        <source>T × (heads · d_head) = {T} × ({heads} · {dh})</source>
        <translation>T × (cabeças · d_head) = {T} × ({heads} · {dh})</translation>
    </message>
    <message>
        <source>{percent}% of the {n} hidden values are exactly zero after ReLU.</source>
        <translation>{percent}% dos {n} valores ocultos são exatamente zero depois da ReLU.</translation>
    </message>
    <message>
        <source>{percent}% of the {n} hidden values are near zero (|h| &lt; {near}) after GELU.</source>
        <translation>{percent}% dos {n} valores ocultos estão perto de zero (|h| &lt; {near}) depois da GELU.</translation>
    </message>
    <message>
        <source>after layer {n}</source>
        <translation>depois da camada {n}</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>incorporação</translation>
    </message>
    <message>
        <source>(layers + 1) × T = {n} × {T}</source>
        <translation>(camadas + 1) × T = {n} × {T}</translation>
    </message>
    <message>
        <source>Temperature {t}; the top 20 of {n} are shown.</source>
        <translation>Temperatura {t}; os 20 maiores de {n} são mostrados.</translation>
    </message>
    <message>
        <source>vocabulary = {n} (last position)</source>
        <translation>vocabulário = {n} (última posição)</translation>
    </message>
    <message>
        <source>lower vowel</source>
        <translation>vogal minúscula</translation>
    </message>
    <message>
        <source>upper vowel</source>
        <translation>vogal maiúscula</translation>
    </message>
    <message>
        <source>lower consonant</source>
        <translation>consoante minúscula</translation>
    </message>
    <message>
        <source>upper consonant</source>
        <translation>consoante maiúscula</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>dígito</translation>
    </message>
    <message>
        <source>punctuation</source>
        <translation>pontuação</translation>
    </message>
    <message>
        <source>whitespace</source>
        <translation>espaço em branco</translation>
    </message>
    <message>
        <source>other</source>
        <translation>outro</translation>
    </message>
</context>
<context>
    <name>explain_panel</name>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Cabeça</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>cabeça {n}</translation>
    </message>
    <message>
        <source>Point at a bar for its exact value.</source>
        <translation>Aponte para uma barra para ver o valor exato.</translation>
    </message>
    <message>
        <source>Why the first row predicts the token it reads: with tied embeddings the output layer is the embedding table itself, and before any block has written into it, a token&apos;s vector scores highest against its own row. The blocks are what move the prediction to the next token.</source>
        <translation>Por que a primeira linha prevê o próprio token que lê: com incorporações amarradas, a camada de saída é a própria tabela de incorporação e, antes de qualquer bloco escrever nele, o vetor de um token pontua mais alto contra a própria linha. São os blocos que levam a previsão ao próximo token.</translation>
    </message>
    <message>
        <source>The prompt the views follow (the same as in the Prompt tab)</source>
        <translation>O prompt que as visualizações seguem (o mesmo da aba Prompt)</translation>
    </message>
    <message>
        <source>probability of the predicted token</source>
        <translation>probabilidade do token previsto</translation>
    </message>
    <message>
        <source>Logit lens: what the model would predict at each position (column) if it stopped after each layer (row) — the final norm and unembedding applied early. Colour is the probability of the token written in the cell; the last row is the model&apos;s real prediction.</source>
        <translation>Lente de logits: o que o modelo preveria em cada posição (coluna) se parasse depois de cada camada (linha) — a norma final e a desincorporação aplicadas mais cedo. A cor é a probabilidade do token escrito na célula; a última linha é a previsão real do modelo.</translation>
    </message>
    <message>
        <source>Token embeddings projected onto their two main directions (PCA). Tokens the model treats alike sit close together: during training, vowels, digits, punctuation and capitals drift into groups.</source>
        <translation>Incorporações de tokens projetadas em suas duas direções principais (PCA). Tokens que o modelo trata de forma parecida ficam próximos: durante o treino, vogais, dígitos, pontuação e maiúsculas se juntam em grupos.</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>similaridade de cosseno</translation>
    </message>
    <message>
        <source>Cosine similarity between the position vectors: row i, column j compares position i with position j. Learned positions usually grow a bright band near the diagonal (nearby positions look alike); sinusoidal ones show the paper&apos;s smooth stripes.</source>
        <translation>Similaridade de cosseno entre os vetores de posição: a linha i, coluna j compara a posição i com a posição j. Posições aprendidas costumam formar uma faixa clara perto da diagonal (posições vizinhas se parecem); as senoidais mostram as listras suaves do artigo.</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Lente de logits</translation>
    </message>
    <message>
        <source>Embedding map</source>
        <translation>Mapa de incorporações</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Posições</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>‘{text}’ (token #{id}, {group})</source>
        <translation>‘{text}’ (token #{id}, {group})</translation>
    </message>
    <message>
        <source>No model yet: the diagram shows the model the sliders describe. Press ▶ Train and every piece fills with live numbers.</source>
        <translation>Ainda não há modelo: o diagrama mostra o modelo descrito pelos controles. Pressione ▶ Treinar e cada peça se enche de números ao vivo.</translation>
    </message>
    <message>
        <source>The diagram shows the sliders&apos; model; the numbers come from the trained one ({model}).</source>
        <translation>O diagrama mostra o modelo dos controles; os números vêm do modelo treinado ({model}).</translation>
    </message>
    <message>
        <source>Live tensors of your model at step {step}. Click any box or chip in the diagram.</source>
        <translation>Tensores ao vivo do seu modelo no passo {step}. Clique em qualquer caixa ou etiqueta do diagrama.</translation>
    </message>
    <message>
        <source>Train a model (▶ Train) and type a prompt: this piece&apos;s tensor appears here.</source>
        <translation>Treine um modelo (▶ Treinar) e digite um prompt: o tensor desta peça aparece aqui.</translation>
    </message>
    <message>
        <source>The trained model has no such piece (it was built with other options). Train a new model to see it.</source>
        <translation>O modelo treinado não tem essa peça (foi construído com outras opções). Treine um modelo novo para vê-la.</translation>
    </message>
    <message>
        <source>probability (%)</source>
        <translation>probabilidade (%)</translation>
    </message>
    <message>
        <source>logit (score before softmax)</source>
        <translation>logit (pontuação antes do softmax)</translation>
    </message>
    <message>
        <source>Your model</source>
        <translation>Seu modelo</translation>
    </message>
    <message>
        <source>{name}, on the same prompt in its own tokens</source>
        <translation>{name}, no mesmo prompt, nos seus próprios tokens</translation>
    </message>
    <message>
        <source>stopped after</source>
        <translation>parou depois de</translation>
    </message>
    <message>
        <source>prompt position (predicting the next token)</source>
        <translation>posição no prompt (prevendo o próximo token)</translation>
    </message>
    <message>
        <source>{row}, after ‘{token}’: predicts ‘{guess}’ with {percent}%</source>
        <translation>{row}, depois de ‘{token}’: prevê ‘{guess}’ com {percent}%</translation>
    </message>
    <message>
        <source>PC 1 ({percent}% of the variance)</source>
        <translation>CP 1 ({percent}% da variância)</translation>
    </message>
    <message>
        <source>position</source>
        <translation>posição</translation>
    </message>
    <message>
        <source>query (position predicting)</source>
        <translation>consulta (posição que prevê)</translation>
    </message>
    <message>
        <source>key (position attended to)</source>
        <translation>chave (posição atendida)</translation>
    </message>
    <message>
        <source>dimension of d_model</source>
        <translation>dimensão de d_model</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>etapa</translation>
    </message>
    <message>
        <source>prompt token</source>
        <translation>token do prompt</translation>
    </message>
    <message>
        <source>dimension of d_head</source>
        <translation>dimensão de d_head</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>unidade oculta</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>its blocks normalise after the residual add (post-norm, as in 2017); GPT-2&apos;s normalise before each sublayer</source>
        <translation>seus blocos normalizam depois da soma residual (pós-norma, como em 2017); os do GPT-2 normalizam antes de cada subcamada</translation>
    </message>
    <message>
        <source>it was trained without the causal mask; GPT-2 always masks the future</source>
        <translation>ele foi treinado sem a máscara causal; o GPT-2 sempre esconde o futuro</translation>
    </message>
    <message>
        <source>Only character and BPE tokenizers can be exported.</source>
        <translation>Só tokenizadores de caracteres e BPE podem ser exportados.</translation>
    </message>
    <message>
        <source>This model cannot be written as a GPT-2: {why}.</source>
        <translation>Este modelo não pode ser gravado como um GPT-2: {why}.</translation>
    </message>
    <message>
        <source>“{folder}” already exists and is not empty: choose a new folder name.</source>
        <translation>“{folder}” já existe e não está vazia: escolha um novo nome de pasta.</translation>
    </message>
</context>
<context>
    <name>glyphs</name>
    <message>
        <source>one byte of a character that UTF-8 spreads over several bytes</source>
        <translation>um byte de um caractere que o UTF-8 espalha por vários bytes</translation>
    </message>
    <message>
        <source>unnamed character</source>
        <translation>caractere sem nome</translation>
    </message>
</context>
<context>
    <name>heads</name>
    <message>
        <source>previous-token</source>
        <translation>token anterior</translation>
    </message>
    <message>
        <source>first-token</source>
        <translation>primeiro token</translation>
    </message>
    <message>
        <source>self</source>
        <translation>si mesma</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>indução</translation>
    </message>
    <message>
        <source>looks at the token just before: it copies what came one step back into this position.</source>
        <translation>olha para o token logo antes: copia para esta posição o que veio um passo atrás.</translation>
    </message>
    <message>
        <source>rests on the first token of the context: a head with nothing useful to do often parks there.</source>
        <translation>repousa no primeiro token do contexto: uma cabeça sem nada útil para fazer costuma estacionar ali.</translation>
    </message>
    <message>
        <source>looks at its own position: it mostly passes this token&apos;s own information along.</source>
        <translation>olha para a própria posição: em geral, só passa adiante a informação deste token.</translation>
    </message>
    <message>
        <source>finds an earlier occurrence of the current token and looks at what followed it — how a model continues a pattern it has seen before in the context.</source>
        <translation>encontra uma ocorrência anterior do token atual e olha para o que veio depois dela — é assim que um modelo continua um padrão que já viu antes no contexto.</translation>
    </message>
    <message>
        <source>puts its attention on one or two earlier tokens chosen by what they are (say, the last space or line break), not by where they are.</source>
        <translation>põe a atenção em um ou dois tokens anteriores escolhidos pelo que são (digamos, o último espaço ou quebra de linha), não por onde estão.</translation>
    </message>
    <message>
        <source>spreads its attention over many tokens: it averages the context rather than picking one place.</source>
        <translation>espalha a atenção por muitos tokens: faz a média do contexto em vez de escolher um lugar.</translation>
    </message>
    <message>
        <source>does several things at once; no single pattern dominates.</source>
        <translation>faz várias coisas ao mesmo tempo; nenhum padrão domina.</translation>
    </message>
    <message>
        <source>spread out</source>
        <translation>espalhada</translation>
    </message>
    <message>
        <source>focused</source>
        <translation>focada</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>mista</translation>
    </message>
</context>
<context>
    <name>heads_panel</name>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Cabeça</translation>
    </message>
    <message>
        <source>previous-token</source>
        <translation>token anterior</translation>
    </message>
    <message>
        <source>first-token</source>
        <translation>primeiro token</translation>
    </message>
    <message>
        <source>self</source>
        <translation>si mesma</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>indução</translation>
    </message>
    <message>
        <source>entropy (bits)</source>
        <translation>entropia (bits)</translation>
    </message>
    <message>
        <source>what it does</source>
        <translation>o que faz</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <source>layer {layer} head {head}</source>
        <translation>camada {layer} cabeça {head}</translation>
    </message>
    <message>
        <source>Train a model (or open one) to see what its heads do.</source>
        <translation>Treine um modelo (ou abra um) para ver o que as cabeças fazem.</translation>
    </message>
    <message>
        <source>Every head and what it does</source>
        <translation>Cada cabeça e o que ela faz</translation>
    </message>
    <message>
        <source>Drop the positional encoding</source>
        <translation>Tirar a codificação posicional</translation>
    </message>
    <message>
        <source>Restore all</source>
        <translation>Religar tudo</translation>
    </message>
    <message>
        <source>How each head&apos;s scores changed through training (colour: head; line style: layer — solid 1, dashed 2, dotted 3, dash-dot 4).</source>
        <translation>Como as pontuações de cada cabeça mudaram durante o treino (cor: cabeça; estilo da linha: camada — contínua 1, tracejada 2, pontilhada 3, traço-ponto 4).</translation>
    </message>
    <message>
        <source>Switches:</source>
        <translation>Interruptores:</translation>
    </message>
    <message>
        <source>Tick “off” to switch a head off (its output is zeroed before the output projection); double-click a row to see the head&apos;s attention map.</source>
        <translation>Marque “desligada” para desligar uma cabeça (a saída dela é zerada antes da projeção de saída); clique duas vezes em uma linha para ver o mapa de atenção da cabeça.</translation>
    </message>
    <message>
        <source>Model at step {step}, measured on the start of the validation text; induction on a random sequence repeated twice. Scores are the share of attention (0–1) a head puts on that place, averaged over positions.</source>
        <translation>Modelo no passo {step}, medido no início do texto de validação; indução numa sequência aleatória repetida duas vezes. As pontuações são a fração da atenção (0–1) que a cabeça põe naquele lugar, na média das posições.</translation>
    </message>
    <message>
        <source>skip layer {n}</source>
        <translation>pular a camada {n}</translation>
    </message>
    <message>
        <source>All switches on: the whole model. Switch something off to see what it was doing.</source>
        <translation>Todos os interruptores ligados: o modelo inteiro. Desligue algo para ver o que ele fazia.</translation>
    </message>
    <message>
        <source>Next token after the prompt: {changes}</source>
        <translation>Próximo token depois do prompt: {changes}</translation>
    </message>
</context>
<context>
    <name>health_view</name>
    <message>
        <source>gradient norm (crosses: clipped)</source>
        <translation>norma do gradiente (cruzes: cortada)</translation>
    </message>
    <message>
        <source>update / weight per layer (log; dotted: 1e-3, typical)</source>
        <translation>atualização / peso por camada (log; pontilhado: 1e-3, típico)</translation>
    </message>
    <message>
        <source>No warning signs: the gradient is rarely clipped and update sizes are within 100× of the usual 1e-3 of the weights.</source>
        <translation>Nenhum sinal de alerta: o gradiente raramente é cortado e os tamanhos das atualizações estão a menos de 100× do usual de 1e-3 dos pesos.</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
</context>
<context>
    <name>lesson</name>
    <message>
        <source>“{name}” cannot be opened as a lesson: {why}. Nothing was changed.</source>
        <translation>“{name}” não pode ser aberto como aula: {why}. Nada foi alterado.</translation>
    </message>
    <message>
        <source>it is encrypted</source>
        <translation>ele está criptografado</translation>
    </message>
    <message>
        <source>{member} is larger than a lesson holds</source>
        <translation>{member} é maior do que uma aula comporta</translation>
    </message>
    <message>
        <source>its manifest is damaged ({what})</source>
        <translation>o manifesto dele está danificado ({what})</translation>
    </message>
    <message>
        <source>it is not a Tiny GPT Playground lesson</source>
        <translation>não é uma aula do Tiny GPT Playground</translation>
    </message>
    <message>
        <source>it was made by a newer version of the app (lesson format {v})</source>
        <translation>foi feito por uma versão mais nova do aplicativo (formato de aula {v})</translation>
    </message>
    <message>
        <source>reading the lesson</source>
        <translation>lendo a aula</translation>
    </message>
    <message>
        <source>it is not a lesson file (not a zip archive, or a damaged one)</source>
        <translation>não é um arquivo de aula (não é um arquivo zip, ou é um zip danificado)</translation>
    </message>
    <message>
        <source>it holds a file a lesson does not ({member})</source>
        <translation>ele contém um arquivo que uma aula não tem ({member})</translation>
    </message>
    <message>
        <source>it holds {count} files; a lesson holds at most 4</source>
        <translation>ela contém {count} arquivos; uma aula contém no máximo 4</translation>
    </message>
    <message>
        <source>it has no manifest</source>
        <translation>ele não tem manifesto</translation>
    </message>
    <message>
        <source>its text is missing</source>
        <translation>falta o texto dele</translation>
    </message>
    <message>
        <source>its text does not match its checksum</source>
        <translation>o texto dele não confere com a soma de verificação</translation>
    </message>
    <message>
        <source>checking the lesson&apos;s model</source>
        <translation>verificando o modelo da aula</translation>
    </message>
    <message>
        <source>lesson checked</source>
        <translation>aula verificada</translation>
    </message>
    <message>
        <source>it is damaged ({error})</source>
        <translation>ele está danificado ({error})</translation>
    </message>
    <message>
        <source>its model is missing</source>
        <translation>falta o modelo dele</translation>
    </message>
    <message>
        <source>its model has {count} weights files; a lesson holds one</source>
        <translation>seu modelo tem {count} arquivos de pesos; uma aula contém um</translation>
    </message>
    <message>
        <source>its model&apos;s description is damaged</source>
        <translation>a descrição do seu modelo está danificada</translation>
    </message>
    <message>
        <source>This lesson was made on “{name}” ({size} bytes), which is too large to travel in the lesson file. Open that text first (File ▸ Open text…), then open the lesson again.</source>
        <translation>Esta aula foi feita com “{name}” ({size} bytes), grande demais para ir dentro do arquivo da aula. Abra esse texto primeiro (Arquivo ▸ Abrir texto…) e depois abra a aula de novo.</translation>
    </message>
</context>
<context>
    <name>loss_plot</name>
    <message>
        <source>loss (nats per token)</source>
        <translation>perda (nats por token)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <source>train (raw)</source>
        <translation>treino (bruto)</translation>
    </message>
    <message>
        <source>train (smoothed)</source>
        <translation>treino (suavizado)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validação</translation>
    </message>
    <message>
        <source>best validation</source>
        <translation>melhor validação</translation>
    </message>
    <message>
        <source>views at step</source>
        <translation>visualizações no passo</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>taxa de aprendizado</translation>
    </message>
    <message>
        <source>learning rate (right axis)</source>
        <translation>taxa de aprendizado (eixo da direita)</translation>
    </message>
    <message>
        <source>Press ▶ Train (Space): the loss curves draw themselves here.</source>
        <translation>Pressione ▶ Treinar (Espaço): as curvas de perda se desenham aqui.</translation>
    </message>
    <message>
        <source>views at step {step}</source>
        <translation>visualizações no passo {step}</translation>
    </message>
    <message>
        <source>{name} baseline: {value} nats per token</source>
        <translation>referência {name}: {value} nats por token</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>tokens vistos</translation>
    </message>
    <message>
        <source>step {step} · {tokens} tokens
train {loss} (smoothed)</source>
        <translation>passo {step} · {tokens} tokens
treino {loss} (suavizado)</translation>
    </message>
    <message>
        <source>learning rate {lr}</source>
        <translation>taxa de aprendizado {lr}</translation>
    </message>
    <message>
        <source>val {loss} at step {step}</source>
        <translation>validação {loss} no passo {step}</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>run {n}</source>
        <translation>execução {n}</translation>
    </message>
    <message>
        <source>Tiny GPT Playground</source>
        <translation>Tiny GPT Playground</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Treino</translation>
    </message>
    <message>
        <source>Prompt &amp;&amp; attention</source>
        <translation>Prompt &amp;&amp; atenção</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Explicar</translation>
    </message>
    <message>
        <source>Surprise</source>
        <translation>Surpresa</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Cabeças</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>Why this token?</source>
        <translation>Por que este token?</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Open text…</source>
        <translation>&amp;Abrir texto…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>Abrir &amp;modelo…</translation>
    </message>
    <message>
        <source>Open &amp;pretrained model (GPT-2)…</source>
        <translation>Abrir modelo &amp;pré-treinado (GPT-2)…</translation>
    </message>
    <message>
        <source>&amp;Download a pretrained model</source>
        <translation>&amp;Baixar um modelo pré-treinado</translation>
    </message>
    <message>
        <source>&amp;Save model…</source>
        <translation>&amp;Salvar modelo…</translation>
    </message>
    <message>
        <source>&amp;Export for Hugging Face…</source>
        <translation>&amp;Exportar para o Hugging Face…</translation>
    </message>
    <message>
        <source>Export report as &amp;HTML…</source>
        <translation>Exportar relatório em &amp;HTML…</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>Abrir au&amp;la…</translation>
    </message>
    <message>
        <source>Sa&amp;ve lesson…</source>
        <translation>Salvar a&amp;ula…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;ir</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Treino</translation>
    </message>
    <message>
        <source>Start / pause</source>
        <translation>Iniciar / pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Reset model</source>
        <translation>Reiniciar o modelo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Aumentar o zoom</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Diminuir o zoom</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Tamanho normal</translation>
    </message>
    <message>
        <source>&amp;Settings sidebar</source>
        <translation>&amp;Barra lateral de configurações</translation>
    </message>
    <message>
        <source>&amp;Colour-blind-safe colours</source>
        <translation>&amp;Cores seguras para daltônicos</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Tour of the Transformer…</source>
        <translation>&amp;Tour pelo Transformer…</translation>
    </message>
    <message>
        <source>New here? A short tour walks through every idea of the Transformer on your own model (Help ▸ Tour, F1).</source>
        <translation>Primeira vez aqui? Um tour curto passa por cada ideia do Transformer no seu próprio modelo (Ajuda ▸ Tour, F1).</translation>
    </message>
    <message>
        <source>Take the tour</source>
        <translation>Fazer o tour</translation>
    </message>
    <message>
        <source>Zoom {percent} % (Ctrl+0: back to 100 %).</source>
        <translation>Zoom de {percent} % (Ctrl+0: volta a 100 %).</translation>
    </message>
    <message>
        <source>The settings sidebar is folded away to make room: Ctrl+B shows it.</source>
        <translation>A barra lateral de configurações foi recolhida para abrir espaço: Ctrl+B a mostra.</translation>
    </message>
    <message>
        <source>The language changes when the app starts again. Your settings are kept; save a model you want to keep before restarting.</source>
        <translation>O idioma muda quando o aplicativo abrir de novo. Suas configurações são mantidas; salve antes o modelo que quiser guardar.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Reiniciar agora</translation>
    </message>
    <message>
        <source>Stop training before resetting the model.</source>
        <translation>Pare o treino antes de reiniciar o modelo.</translation>
    </message>
    <message>
        <source>Kept the weights of step {step}, the lowest validation loss ({loss}).</source>
        <translation>Mantidos os pesos do passo {step}, a menor perda de validação ({loss}).</translation>
    </message>
    <message>
        <source>There is no trained model to save yet.</source>
        <translation>Ainda não há modelo treinado para salvar.</translation>
    </message>
    <message>
        <source>The model could not be saved to “{path}”: {error}</source>
        <translation>Não foi possível salvar o modelo em “{path}”: {error}</translation>
    </message>
    <message>
        <source>Saved the model (step {step}) to {path}</source>
        <translation>Modelo salvo (passo {step}) em {path}</translation>
    </message>
    <message>
        <source>A pretrained GPT-2 is a folder with config.json, model.safetensors and its tokenizer (tokenizer.json, or vocab.json and merges.txt) — e.g. gpt2 or distilgpt2 downloaded from huggingface.co. On a CPU, distilgpt2 is the quicker to train on.</source>
        <translation>Um GPT-2 pré-treinado é uma pasta com config.json, model.safetensors e o seu tokenizador (tokenizer.json, ou vocab.json e merges.txt) — por exemplo gpt2 ou distilgpt2 baixados de huggingface.co. Numa CPU, o distilgpt2 é o mais rápido de treinar.</translation>
    </message>
    <message>
        <source>Downloading {name} (choose it in the menu again to cancel)…</source>
        <translation>Baixando {name} (escolha-o no menu de novo para cancelar)…</translation>
    </message>
    <message>
        <source>There is no model to export yet: train one first.</source>
        <translation>Ainda não há modelo para exportar: treine um primeiro.</translation>
    </message>
    <message>
        <source>The model could not be exported to “{path}”: {error}</source>
        <translation>O modelo não pôde ser exportado para “{path}”: {error}</translation>
    </message>
    <message>
        <source>Exported to {path}: load it in Python with GPT2LMHeadModel.from_pretrained and AutoTokenizer.from_pretrained.</source>
        <translation>Exportado para {path}: carregue-o em Python com GPT2LMHeadModel.from_pretrained e AutoTokenizer.from_pretrained.</translation>
    </message>
    <message>
        <source>The report could not be written to “{path}”: {error}</source>
        <translation>O relatório não pôde ser gravado em “{path}”: {error}</translation>
    </message>
    <message>
        <source>Wrote the report to {path}: one file with its pictures inside, for any browser.</source>
        <translation>Relatório gravado em {path}: um só arquivo, com as imagens dentro, para qualquer navegador.</translation>
    </message>
    <message>
        <source>Stop training before opening another model.</source>
        <translation>Pare o treino antes de abrir outro modelo.</translation>
    </message>
    <message>
        <source>Opened the pretrained model “{name}”: {shape}. Every tab now shows it; ▶ Train fine-tunes it on the loaded text.</source>
        <translation>Aberto o modelo pré-treinado “{name}”: {shape}. Todas as abas agora o mostram; ▶ Treinar o ajusta (fine-tuning) ao texto carregado.</translation>
    </message>
    <message>
        <source>The loaded text does not fit its vocabulary: open its own text to train it further.</source>
        <translation>O texto carregado não cabe no vocabulário dele: abra o próprio texto do modelo para continuar treinando.</translation>
    </message>
    <message>
        <source>Opened “{name}” (step {step}).</source>
        <translation>“{name}” aberto (passo {step}).</translation>
    </message>
    <message>
        <source>Load a text first: a lesson is built on one.</source>
        <translation>Carregue um texto primeiro: uma aula é feita sobre um texto.</translation>
    </message>
    <message>
        <source>The lesson could not be saved to “{path}”: {error}</source>
        <translation>Não foi possível salvar a aula em “{path}”: {error}</translation>
    </message>
    <message>
        <source>Saved the lesson to {path}. Opening it restores this text, these settings, the model, the prompt and the tour.</source>
        <translation>Aula salva em {path}. Abri-la restaura este texto, estas configurações, o modelo, o prompt e o tour.</translation>
    </message>
    <message>
        <source>Stop training before opening a lesson.</source>
        <translation>Pare o treino antes de abrir uma aula.</translation>
    </message>
    <message>
        <source>Still reading the previous lesson; try again in a moment.</source>
        <translation>Ainda lendo a aula anterior; tente de novo em instantes.</translation>
    </message>
    <message>
        <source>Opened the lesson “{name}”.</source>
        <translation>Aula “{name}” aberta.</translation>
    </message>
</context>
<context>
    <name>matrix_plot</name>
    <message>
        <source>row ‘{row}’ · column ‘{column}’: {name} {value}</source>
        <translation>linha ‘{row}’ · coluna ‘{column}’: {name} {value}</translation>
    </message>
</context>
<context>
    <name>message_bar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fechar</translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <source>{value} tokens exceed the context length {context_length}; crop the prompt first</source>
        <translation>{value} tokens passam do tamanho do contexto {context_length}; corte o prompt antes</translation>
    </message>
    <message>
        <source>The inspection pass reads one prompt of at most {context_length} tokens (got {count}); crop the prompt first.</source>
        <translation>A passada de inspeção lê um prompt de no máximo {context_length} tokens (vieram {count}); corte o prompt antes.</translation>
    </message>
</context>
<context>
    <name>pretrained</name>
    <message>
        <source>{where} cannot be opened as a pretrained model: {why}</source>
        <translation>{where} não pode ser aberto como modelo pré-treinado: {why}</translation>
    </message>
    <message>
        <source>its config.json is damaged ({e})</source>
        <translation>o seu config.json está danificado ({e})</translation>
    </message>
    <message>
        <source>its config.json is not a table of values</source>
        <translation>o seu config.json não é uma tabela de valores</translation>
    </message>
    <message>
        <source>it is a “{kind}” model; the playground opens GPT-2-family models (model_type “gpt2”: gpt2, distilgpt2, gpt2-medium, gpt2-large, gpt2-xl)</source>
        <translation>é um modelo “{kind}”; o playground abre modelos da família GPT-2 (model_type “gpt2”: gpt2, distilgpt2, gpt2-medium, gpt2-large, gpt2-xl)</translation>
    </message>
    <message>
        <source>its config sets {flag}, which the playground&apos;s GPT does not do</source>
        <translation>o seu config liga {flag}, o que o GPT do playground não faz</translation>
    </message>
    <message>
        <source>its attention is not scaled by 1/√d_head</source>
        <translation>a sua atenção não é escalada por 1/√d_head</translation>
    </message>
    <message>
        <source>its activation “{name}” is not one the playground has (GELU, GPT-2&apos;s tanh GELU, ReLU)</source>
        <translation>a sua ativação “{name}” não é uma que o playground tem (GELU, a GELU com tanh do GPT-2, ReLU)</translation>
    </message>
    <message>
        <source>its feed-forward width {inner} is not a multiple of n_embd {d}</source>
        <translation>a largura da sua rede feed-forward {inner} não é múltiplo de n_embd {d}</translation>
    </message>
    <message>
        <source>its layer_norm_epsilon is not a number</source>
        <translation>o seu layer_norm_epsilon não é um número</translation>
    </message>
    <message>
        <source>its config.json has no whole number for {key}</source>
        <translation>o seu config.json não tem um número inteiro para {key}</translation>
    </message>
    <message>
        <source>its weights are split over several files (a sharded checkpoint); save it again as one model.safetensors</source>
        <translation>os seus pesos estão divididos em vários arquivos (um checkpoint fragmentado); salve-o de novo como um único model.safetensors</translation>
    </message>
    <message>
        <source>its weights are only in pytorch_model.bin, a pickle file that could run code when read, so it is never opened. Use the model&apos;s model.safetensors</source>
        <translation>os seus pesos estão só em pytorch_model.bin, um arquivo pickle que poderia executar código ao ser lido, por isso ele nunca é aberto. Use o model.safetensors do modelo</translation>
    </message>
    <message>
        <source>it has no model.safetensors</source>
        <translation>ele não tem model.safetensors</translation>
    </message>
    <message>
        <source>its tokenizer is missing: put tokenizer.json, or vocab.json and merges.txt, beside config.json</source>
        <translation>falta o seu tokenizador: coloque tokenizer.json, ou vocab.json e merges.txt, ao lado do config.json</translation>
    </message>
    <message>
        <source>its tokenizer cannot be read ({e})</source>
        <translation>o seu tokenizador não pode ser lido ({e})</translation>
    </message>
    <message>
        <source>it is not a folder</source>
        <translation>não é uma pasta</translation>
    </message>
    <message>
        <source>its tokenizer has {n} tokens but the model only {vocab}</source>
        <translation>o seu tokenizador tem {n} tokens mas o modelo só {vocab}</translation>
    </message>
    <message>
        <source>its weights have no {name}</source>
        <translation>os seus pesos não têm {name}</translation>
    </message>
    <message>
        <source>its {name} has shape {shape}, but config.json describes {want}</source>
        <translation>o seu {name} tem forma {shape}, mas o config.json descreve {want}</translation>
    </message>
    <message>
        <source>its model.safetensors cannot be read ({e})</source>
        <translation>o seu model.safetensors não pode ser lido ({e})</translation>
    </message>
    <message>
        <source>its weights contain NaN or infinite numbers</source>
        <translation>os seus pesos contêm NaN ou números infinitos</translation>
    </message>
    <message>
        <source>{layers} layers × {heads} heads, d_model {d}, context {context}, {vocab} tokens · {params} M parameters</source>
        <translation>{layers} camadas × {heads} cabeças, d_model {d}, contexto {context}, {vocab} tokens · {params} M parâmetros</translation>
    </message>
    <message>
        <source>Training it on this CPU takes about {memory} of memory and roughly {seconds} s a step at batch {batch} × {tokens} tokens; a smaller batch or a distilled model (distilgpt2) is quicker.</source>
        <translation>Treiná-lo nesta CPU leva cerca de {memory} de memória e mais ou menos {seconds} s por passo com lote {batch} × {tokens} tokens; um lote menor ou um modelo destilado (distilgpt2) é mais rápido.</translation>
    </message>
    <message>
        <source>This computer cannot reach huggingface.co. On a computer that can, download {name}&apos;s config.json, model.safetensors and tokenizer.json (or vocab.json and merges.txt) into one folder, copy it here, and open that folder with File ▸ Open pretrained model.</source>
        <translation>Este computador não alcança huggingface.co. Num computador que alcance, baixe o config.json, o model.safetensors e o tokenizer.json (ou vocab.json e merges.txt) do {name} numa pasta, copie-a para cá e abra essa pasta com Arquivo ▸ Abrir modelo pré-treinado.</translation>
    </message>
    <message>
        <source>“{name}” is not one the playground downloads ({names}).</source>
        <translation>“{name}” não é um dos que o playground baixa ({names}).</translation>
    </message>
    <message>
        <source>Downloading needs the huggingface_hub package (pip install huggingface_hub).</source>
        <translation>Baixar precisa do pacote huggingface_hub (pip install huggingface_hub).</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>baixando</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>O download foi cancelado.</translation>
    </message>
</context>
<context>
    <name>probability_view</name>
    <message>
        <source>probability (%)</source>
        <translation>probabilidade (%)</translation>
    </message>
    <message>
        <source>probability of being the next token (%)</source>
        <translation>probabilidade de ser o próximo token (%)</translation>
    </message>
    <message>
        <source>Click a bar to append that token to the prompt; right-click it to see why the model predicts it.</source>
        <translation>Clique numa barra para acrescentar esse token ao prompt; clique com o botão direito para ver por que o modelo o prevê.</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>cortado</translation>
    </message>
</context>
<context>
    <name>prompt_panel</name>
    <message>
        <source>Generation stopped by an error: {kind}: {why}</source>
        <translation>A geração parou por um erro: {kind}: {why}</translation>
    </message>
    <message>
        <source>Type a prompt: the bars and attention maps follow every keystroke.</source>
        <translation>Digite um prompt: as barras e os mapas de atenção acompanham cada tecla.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Divides the logits before the softmax: below 1 sharpens the distribution, above 1 flattens it.</source>
        <translation>Divide os logits antes do softmax: abaixo de 1 deixa a distribuição mais aguda; acima de 1, mais achatada.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <source>Keep only the k most likely tokens (0 = keep all).</source>
        <translation>Mantém só os k tokens mais prováveis (0 = manter todos).</translation>
    </message>
    <message>
        <source>Keep the fewest most-likely tokens whose probabilities add up to p.</source>
        <translation>Mantém o menor conjunto de tokens mais prováveis cujas probabilidades somam p.</translation>
    </message>
    <message>
        <source>Greedy (always the top token)</source>
        <translation>Guloso (sempre o token mais provável)</translation>
    </message>
    <message>
        <source>Tokens to generate</source>
        <translation>Tokens a gerar</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>Generate  (Ctrl+Enter)</source>
        <translation>Gerar  (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>Próximo token</translation>
    </message>
    <message>
        <source>Attention: softmax(QKᵀ/√d_k) for every query (row) over the keys (columns)</source>
        <translation>Atenção: softmax(QKᵀ/√d_k) por consulta (linha) sobre as chaves (colunas)</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>Comparar com…</translation>
    </message>
    <message>
        <source>Put a second model beside this one on the same prompt: a saved model, a run, or a pretrained GPT-2 folder.</source>
        <translation>Coloque um segundo modelo ao lado deste, no mesmo prompt: um modelo salvo, um treino ou uma pasta de GPT-2 pré-treinado.</translation>
    </message>
    <message>
        <source>Save attention PNG…</source>
        <translation>Salvar PNG da atenção…</translation>
    </message>
    <message>
        <source>Save the large map and the grid of every layer and head as an image.</source>
        <translation>Salva como imagem o mapa grande e a grade de todas as camadas e cabeças.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>No model yet: press ▶ Train (Space). Predictions appear as soon as it starts.</source>
        <translation>Ainda não há modelo: pressione ▶ Treinar (Espaço). As previsões aparecem assim que o treino começa.</translation>
    </message>
    <message>
        <source>Type at least one character the model knows to see its prediction.</source>
        <translation>Digite pelo menos um caractere que o modelo conheça para ver a previsão.</translation>
    </message>
    <message>
        <source>Model at step {step} · {n} tokens in view</source>
        <translation>Modelo no passo {step} · {n} tokens à vista</translation>
    </message>
    <message>
        <source>Highlighted characters never occur in the training text ({chars}); the model has no token for them, so they are left out.</source>
        <translation>Os caracteres destacados nunca aparecem no texto de treino ({chars}); o modelo não tem token para eles, então ficam de fora.</translation>
    </message>
    <message>
        <source>The prompt is longer than the context: the model sees only the last {context} tokens (the greyed start is cut off).</source>
        <translation>O prompt é mais longo que o contexto: o modelo vê só os últimos {context} tokens (o começo em cinza fica de fora).</translation>
    </message>
    <message>
        <source>Shown as empty boxes (no font here draws them): {names}.</source>
        <translation>Mostrados como caixas vazias (nenhuma fonte aqui os desenha): {names}.</translation>
    </message>
    <message>
        <source>Save the attention maps</source>
        <translation>Salvar os mapas de atenção</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved the attention maps to {path}.</source>
        <translation>Mapas de atenção salvos em {path}.</translation>
    </message>
    <message>
        <source>The image could not be saved to {path}: check that the folder exists and is writable.</source>
        <translation>Não foi possível salvar a imagem em {path}: confira se a pasta existe e aceita gravação.</translation>
    </message>
    <message>
        <source>Type at least one character the model knows before generating.</source>
        <translation>Digite pelo menos um caractere que o modelo conheça antes de gerar.</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Cabeça</translation>
    </message>
    <message>
        <source>previous-token</source>
        <translation>token anterior</translation>
    </message>
    <message>
        <source>first-token</source>
        <translation>primeiro token</translation>
    </message>
    <message>
        <source>self</source>
        <translation>si mesma</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>indução</translation>
    </message>
    <message>
        <source>entropy (bits)</source>
        <translation>entropia (bits)</translation>
    </message>
    <message>
        <source>what it does</source>
        <translation>o que ela faz</translation>
    </message>
    <message>
        <source>No picture: the command line draws none; export the report from the app for the plots.</source>
        <translation>Sem imagem: a linha de comando não desenha; exporte o relatório pelo app para ter os gráficos.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perda</translation>
    </message>
    <message>
        <source>What the model writes</source>
        <translation>O que o modelo escreve</translation>
    </message>
    <message>
        <source>The prompt and what comes next</source>
        <translation>O prompt e o que vem a seguir</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>Próximo token</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilidade</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <source>What each head does</source>
        <translation>O que cada cabeça faz</translation>
    </message>
    <message>
        <source>Made with Tiny GPT Playground.</source>
        <translation>Feito com o Tiny GPT Playground.</translation>
    </message>
    <message>
        <source>The loss curves</source>
        <translation>As curvas de perda</translation>
    </message>
    <message>
        <source>At step {step}; highlighted: stretches copied word for word from the training text.</source>
        <translation>No passo {step}; em destaque: trechos copiados palavra por palavra do texto de treino.</translation>
    </message>
    <message>
        <source>Attention maps for the prompt</source>
        <translation>Mapas de atenção do prompt</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizador</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Posições</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>aprendidas</translation>
    </message>
    <message>
        <source>sinusoidal (the paper&apos;s)</source>
        <translation>senoidais (as do artigo)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Layer norm</source>
        <translation>Layer norm</translation>
    </message>
    <message>
        <source>before each sublayer (GPT-2)</source>
        <translation>antes de cada subcamada (GPT-2)</translation>
    </message>
    <message>
        <source>after each sublayer (2017)</source>
        <translation>depois de cada subcamada (2017)</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Steps trained</source>
        <translation>Passos treinados</translation>
    </message>
    <message>
        <source>Tiny GPT Playground — {name}</source>
        <translation>Tiny GPT Playground — {name}</translation>
    </message>
    <message>
        <source>A report of the model at step {step}, made on {date}.</source>
        <translation>Relatório do modelo no passo {step}, feito em {date}.</translation>
    </message>
    <message>
        <source>Yardsticks on the validation text (nats per token): {values}</source>
        <translation>Referências no texto de validação (nats por token): {values}</translation>
    </message>
</context>
<context>
    <name>runs</name>
    <message>
        <source>interrupted at step {step}</source>
        <translation>interrompida no passo {step}</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em andamento</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausada</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>concluída</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>parada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>its {value} curve is not a list of points</source>
        <translation>a curva {value} não é uma lista de pontos</translation>
    </message>
    <message>
        <source>{run_file} is not a table of values</source>
        <translation>{run_file} não é uma tabela de valores</translation>
    </message>
    <message>
        <source>{run_file} is incomplete (missing {value})</source>
        <translation>{run_file} está incompleto (falta {value})</translation>
    </message>
    <message>
        <source>its {key} is not {value}</source>
        <translation>o campo {key} não é {value}</translation>
    </message>
    <message>
        <source>its {key} is not a number</source>
        <translation>o campo {key} não é um número</translation>
    </message>
    <message>
        <source>its {key} is not a whole number</source>
        <translation>o campo {key} não é um número inteiro</translation>
    </message>
    <message>
        <source>its status {value} is unknown</source>
        <translation>a situação {value} é desconhecida</translation>
    </message>
    <message>
        <source>There is no run “{run_id}” in {root}.</source>
        <translation>Não há execução “{run_id}” em {root}.</translation>
    </message>
    <message>
        <source>A run&apos;s name cannot be empty.</source>
        <translation>O nome de uma execução não pode ser vazio.</translation>
    </message>
    <message>
        <source>Run “{run_id}” cannot be renamed: {reason}.</source>
        <translation>A execução “{run_id}” não pode ser renomeada: {reason}.</translation>
    </message>
    <message>
        <source>“{destination}” already exists and is not empty: choose a new folder name.</source>
        <translation>“{destination}” já existe e não está vazia: escolha um nome de pasta novo.</translation>
    </message>
</context>
<context>
    <name>runs_panel</name>
    <message>
        <source>steps</source>
        <translation>passos</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>tokens vistos</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>tempo de relógio (s)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Execução</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>Corpus</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizador</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Treino</translation>
    </message>
    <message>
        <source>Val</source>
        <translation>Val</translation>
    </message>
    <message>
        <source>Val bits/char</source>
        <translation>Val bits/caractere</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Cabeças</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Posições</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Layer norm</source>
        <translation>Norma de camada</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation>Incorporações amarradas</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>Máscara causal</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vocabulário</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processos</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>Kept runs</source>
        <translation>Execuções guardadas</translation>
    </message>
    <message>
        <source>No runs yet. Every training run — from ▶ Train or from `python main.py train` — is kept here, with its curves and model.</source>
        <translation>Ainda não há execuções. Cada treino — pelo ▶ Treinar ou por `python main.py train` — fica guardado aqui, com as curvas e o modelo.</translation>
    </message>
    <message>
        <source>Open for inspection</source>
        <translation>Abrir para inspeção</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renomear…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Export run folder…</source>
        <translation>Exportar pasta da execução…</translation>
    </message>
    <message>
        <source>Save plot PNG…</source>
        <translation>Salvar PNG do gráfico…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Salvar CSV…</translation>
    </message>
    <message>
        <source>y: loss in nats per token</source>
        <translation>y: perda em nats por token</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>y: bits per character</source>
        <translation>y: bits por caractere</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>bits</translation>
    </message>
    <message>
        <source>Bits per character compare runs with different tokenizers (runs recorded before this option are left out in bits).</source>
        <translation>Bits por caractere permitem comparar execuções com tokenizadores diferentes (execuções gravadas antes desta opção ficam de fora em bits).</translation>
    </message>
    <message>
        <source>loss (nats per token)</source>
        <translation>perda (nats por token)</translation>
    </message>
    <message>
        <source>Differences between the chosen runs</source>
        <translation>Diferenças entre as execuções escolhidas</translation>
    </message>
    <message>
        <source>Tick runs in the list to overlay their curves; differing settings are highlighted.</source>
        <translation>Marque execuções na lista para sobrepor as curvas; as configurações diferentes ficam destacadas.</translation>
    </message>
    <message>
        <source>This run folder is damaged: {reason}. Delete it, or repair {path}.</source>
        <translation>A pasta desta execução está danificada: {reason}. Exclua-a ou conserte {path}.</translation>
    </message>
    <message>
        <source>The curves are fine but the saved model is not: {problem}. It cannot be opened; the rest of the run can still be compared.</source>
        <translation>As curvas estão boas, mas o modelo salvo não: {problem}. Ele não pode ser aberto; o resto da execução ainda pode ser comparado.</translation>
    </message>
    <message>
        <source>damaged: {reason}</source>
        <translation>danificada: {reason}</translation>
    </message>
    <message>
        <source>model damaged: {problem}</source>
        <translation>modelo danificado: {problem}</translation>
    </message>
    <message>
        <source>This run has no usable saved model (it is still training, was cut short, or its model is damaged).</source>
        <translation>Esta execução não tem um modelo salvo utilizável (ainda está treinando, foi interrompida ou o modelo está danificado).</translation>
    </message>
    <message>
        <source>bits per character</source>
        <translation>bits por caractere</translation>
    </message>
    <message>
        <source>{name} (val)</source>
        <translation>{name} (val)</translation>
    </message>
    <message>
        <source>Differs between the ticked runs</source>
        <translation>Difere entre as execuções marcadas</translation>
    </message>
    <message>
        <source>Settings of the ticked runs; the highlighted rows differ.</source>
        <translation>Configurações das execuções marcadas; as linhas destacadas diferem.</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>Renomear execução</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <source>Delete run?</source>
        <translation>Excluir a execução?</translation>
    </message>
    <message>
        <source>Delete the run “{name}” and its saved model from disk? This cannot be undone.</source>
        <translation>Excluir a execução “{name}” e o modelo salvo dela do disco? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <source>The run could not be deleted: {error}</source>
        <translation>Não foi possível excluir a execução: {error}</translation>
    </message>
    <message>
        <source>Export the run into a new folder</source>
        <translation>Exportar a execução para uma pasta nova</translation>
    </message>
    <message>
        <source>The run could not be exported: {why}</source>
        <translation>O treino não pôde ser exportado: {why}</translation>
    </message>
    <message>
        <source>Exported “{name}” to {folder} (open it with File ▸ Open model, or `python main.py sample {folder}`).</source>
        <translation>“{name}” exportado para {folder} (abra com Arquivo ▸ Abrir modelo, ou `python main.py sample {folder}`).</translation>
    </message>
    <message>
        <source>Save the loss plot</source>
        <translation>Salvar o gráfico de perda</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>The plot could not be saved to “{path}”: {why}</source>
        <translation>O gráfico não pôde ser salvo em “{path}”: {why}</translation>
    </message>
    <message>
        <source>Save the curves as CSV</source>
        <translation>Salvar as curvas como CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The CSV could not be saved to “{path}”: {why}</source>
        <translation>O CSV não pôde ser salvo em “{path}”: {why}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
</context>
<context>
    <name>sampling</name>
    <message>
        <source>Temperature must be above 0 (got {temperature}).</source>
        <translation>A temperatura deve ser maior que 0 (veio {temperature}).</translation>
    </message>
    <message>
        <source>top-k must be 0 (off) or a positive number (got {top_k}).</source>
        <translation>top-k deve ser 0 (desligado) ou um número positivo (veio {top_k}).</translation>
    </message>
    <message>
        <source>top-p must be above 0 and at most 1 (got {top_p}).</source>
        <translation>top-p deve ser maior que 0 e no máximo 1 (veio {top_p}).</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>This text supports only {found} BPE tokens ({asked} were asked for), so the vocabulary has {found}.</source>
        <translation>Este texto comporta só {found} tokens BPE (foram pedidos {asked}), então o vocabulário tem {found}.</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Caracteres</translation>
    </message>
    <message>
        <source>Load a text first.</source>
        <translation>Carregue um texto primeiro.</translation>
    </message>
    <message>
        <source>There is no model to train further: press Train to start one.</source>
        <translation>Não há modelo para continuar treinando: aperte Treinar para começar um.</translation>
    </message>
    <message>
        <source>Load a text first: drop a file on the window or use File ▸ Open.</source>
        <translation>Carregue um texto primeiro: solte um arquivo na janela ou use Arquivo ▸ Abrir.</translation>
    </message>
    <message>
        <source>This run is not kept in the run list: {folder} cannot be written ({why}). Training goes on.</source>
        <translation>Este treino não fica na lista de treinos: não é possível gravar em {folder} ({why}). O treino continua.</translation>
    </message>
    <message>
        <source>The trained model could not be kept in the run list: {why} It is still here: save it elsewhere with File ▸ Save model (Ctrl+S).</source>
        <translation>O modelo treinado não pôde ser guardado na lista de treinos: {why} Ele continua aqui: salve-o em outro lugar com Arquivo ▸ Salvar modelo (Ctrl+S).</translation>
    </message>
    <message>
        <source>The timeline of this run could not be kept: {why}</source>
        <translation>A linha do tempo deste treino não pôde ser guardada: {why}</translation>
    </message>
    <message>
        <source>Went back to the weights of step {step}, the lowest validation loss ({loss}). Save the model to keep them.</source>
        <translation>Voltou aos pesos do passo {step}, a menor perda de validação ({loss}). Salve o modelo para guardá-los.</translation>
    </message>
    <message>
        <source>There is no model to save yet: train one first.</source>
        <translation>Ainda não há modelo para salvar: treine um primeiro.</translation>
    </message>
    <message>
        <source>Load a text first: a lesson is built on one.</source>
        <translation>Carregue um texto primeiro: uma aula é feita sobre um texto.</translation>
    </message>
    <message>
        <source>There is no model yet: press Train to start one.</source>
        <translation>Ainda não há modelo: pressione ▶ Treinar para começar um.</translation>
    </message>
</context>
<context>
    <name>settings_panel</name>
    <message>
        <source>Learned</source>
        <translation>Aprendida</translation>
    </message>
    <message>
        <source>Sinusoidal (2017)</source>
        <translation>Senoidal (2017)</translation>
    </message>
    <message>
        <source>None (a bag of tokens)</source>
        <translation>Nenhuma (um saco de tokens)</translation>
    </message>
    <message>
        <source>How a token&apos;s position enters the model: trained vectors (GPT-2), the paper&apos;s fixed sine waves, or not at all — then the model cannot tell “dog bites man” from “man bites dog”.</source>
        <translation>Como a posição de um token entra no modelo: vetores treinados (GPT-2), as ondas senoidais fixas do artigo, ou de jeito nenhum — aí o modelo não distingue “cachorro morde homem” de “homem morde cachorro”.</translation>
    </message>
    <message>
        <source>GELU, tanh (GPT-2)</source>
        <translation>GELU, tanh (GPT-2)</translation>
    </message>
    <message>
        <source>The feed-forward non-linearity: the paper&apos;s max(0, x) or GPT-2&apos;s smoother GELU.</source>
        <translation>A não linearidade da feed-forward: o max(0, x) do artigo ou a GELU, mais suave, do GPT-2.</translation>
    </message>
    <message>
        <source>Pre-norm (GPT-2)</source>
        <translation>Pré-norma (GPT-2)</translation>
    </message>
    <message>
        <source>Post-norm (2017)</source>
        <translation>Pós-norma (2017)</translation>
    </message>
    <message>
        <source>LayerNorm before each sublayer (GPT-2, trains more stably) or after the residual add (the 2017 paper).</source>
        <translation>LayerNorm antes de cada subcamada (GPT-2, treina de forma mais estável) ou depois da soma residual (o artigo de 2017).</translation>
    </message>
    <message>
        <source>AdamW: every weight gets its own step size, from its gradient&apos;s recent average and spread.</source>
        <translation>AdamW: cada peso recebe o seu próprio tamanho de passo, a partir da média e da dispersão recentes do seu gradiente.</translation>
    </message>
    <message>
        <source>Muon: each weight matrix&apos;s update is made orthogonal, so every direction in it learns at a similar rate (AdamW still steps the embeddings, biases and norms).</source>
        <translation>Muon: a atualização de cada matriz de pesos é tornada ortogonal, para que cada direção nela aprenda num ritmo parecido (o AdamW continua cuidando das incorporações, vieses e normas).</translation>
    </message>
    <message>
        <source>Model &amp;&amp; training</source>
        <translation>Modelo &amp;&amp; treino</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>Decoder blocks stacked on top of each other: each one is attention followed by a feed-forward layer.</source>
        <translation>Blocos decodificadores empilhados: cada um é uma atenção seguida de uma camada feed-forward.</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>Cabeças</translation>
    </message>
    <message>
        <source>Attention heads per layer: each head computes its own softmax(QKᵀ/√d_k)·V over a slice of d_model.</source>
        <translation>Cabeças de atenção por camada: cada cabeça calcula o próprio softmax(QKᵀ/√d_k)·V sobre uma fatia de d_model.</translation>
    </message>
    <message>
        <source>Width of every token&apos;s vector in the residual stream; it is split evenly among the heads.</source>
        <translation>Largura do vetor de cada token no fluxo residual; ela é dividida igualmente entre as cabeças.</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Tamanho do contexto</translation>
    </message>
    <message>
        <source>How many earlier tokens the model can attend to when it predicts the next one.</source>
        <translation>Quantos tokens anteriores o modelo pode considerar ao prever o próximo.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Text windows per training step: larger batches give smoother gradients but slower steps.</source>
        <translation>Janelas de texto por passo de treino: lotes maiores dão gradientes mais suaves, mas passos mais lentos.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Peak AdamW step size (log scale), reached after warm-up and decayed along a cosine.</source>
        <translation>Tamanho máximo do passo do AdamW (escala log), alcançado depois do aquecimento e reduzido ao longo de um cosseno.</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Fraction of activations zeroed at random during training, to fight overfitting.</source>
        <translation>Fração das ativações zeradas ao acaso durante o treino, para combater o sobreajuste.</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>Passos de treino</translation>
    </message>
    <message>
        <source>How many optimizer steps one run takes.</source>
        <translation>Quantos passos do otimizador uma execução faz.</translation>
    </message>
    <message>
        <source>Tie input and output embeddings</source>
        <translation>Amarrar as incorporações</translation>
    </message>
    <message>
        <source>Use the token embedding table also as the final projection to the vocabulary (GPT-2 does): fewer parameters, often better on small data.</source>
        <translation>Usa a tabela de incorporação de tokens também como projeção final para o vocabulário (como o GPT-2): menos parâmetros, muitas vezes melhor com poucos dados.</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>Máscara causal</translation>
    </message>
    <message>
        <source>Untick to see why a decoder needs the mask: every position may then read the next token, so the training loss collapses towards zero while the text it writes — where there is no next token to read — is garbage.</source>
        <translation>Desmarque para ver por que um decodificador precisa da máscara: cada posição passa a poder ler o próximo token, então a perda de treino despenca para perto de zero enquanto o texto que ele escreve — onde não há próximo token para ler — vira lixo.</translation>
    </message>
    <message>
        <source>Weights, optimizer and loss stay in fp32; with bf16 mixed precision the big matrix products run in bfloat16, about twice as fast on CPUs with native bf16 (AVX512-BF16, AMX). Otherwise everything runs in fp32.</source>
        <translation>Pesos, otimizador e perda ficam em fp32; com precisão mista bf16, os grandes produtos de matrizes rodam em bfloat16, cerca de duas vezes mais rápido em CPUs com bf16 nativo (AVX512-BF16, AMX). Caso contrário, tudo roda em fp32.</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Posições</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Layer norm</source>
        <translation>Norma de camada</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>The architecture is locked by the lesson “{name}”: layers, heads, d_model, context and the options stay as the teacher set them.</source>
        <translation>A arquitetura está travada pela aula “{name}”: camadas, cabeças, d_model, contexto e as opções ficam como o professor definiu.</translation>
    </message>
    <message>
        <source>This model&apos;s shape comes from its file: {layers} layers × {heads} heads, d_model {d_model}, context {context}. Reset the model to choose your own.</source>
        <translation>A forma deste modelo vem do seu arquivo: {layers} camadas × {heads} cabeças, d_model {d_model}, contexto {context}. Reinicie o modelo para escolher a sua.</translation>
    </message>
    <message>
        <source>Parameters: &lt;b&gt;{count}&lt;/b&gt;</source>
        <translation>Parâmetros: &lt;b&gt;{count}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Training memory: ~&lt;b&gt;{size}&lt;/b&gt; at batch {batch}</source>
        <translation>Memória de treino: ~&lt;b&gt;{size}&lt;/b&gt; com lote {batch}</translation>
    </message>
    <message>
        <source>Math: &lt;b&gt;bf16 mixed precision&lt;/b&gt;</source>
        <translation>Aritmética: &lt;b&gt;precisão mista bf16&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Math: &lt;b&gt;fp32&lt;/b&gt;</source>
        <translation>Aritmética: &lt;b&gt;fp32&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>surprise_panel</name>
    <message>
        <source>“{token}”: the first token, nothing before it to predict from</source>
        <translation>“{token}”: o primeiro token, não há nada antes dele para prever</translation>
    </message>
    <message>
        <source>The bigram baseline would have guessed ‘{guess}’.</source>
        <translation>A referência de bigramas teria chutado ‘{guess}’.</translation>
    </message>
    <message>
        <source>“{token}”: probability {percent}%, loss {loss} nats
The model&apos;s five likeliest here: {top}</source>
        <translation>“{token}”: probabilidade {percent}%, perda {loss} nats
Os cinco mais prováveis para o modelo aqui: {top}</translation>
    </message>
    <message>
        <source>The text, coloured by surprise</source>
        <translation>O texto, colorido pela surpresa</translation>
    </message>
    <message>
        <source>A stretch of the validation text (never trained on)</source>
        <translation>Um trecho do texto de validação (nunca usado no treino)</translation>
    </message>
    <message>
        <source>Text I paste</source>
        <translation>Texto que eu colar</translation>
    </message>
    <message>
        <source>Which text to read</source>
        <translation>Qual texto ler</translation>
    </message>
    <message>
        <source>Another stretch</source>
        <translation>Outro trecho</translation>
    </message>
    <message>
        <source>Your own text</source>
        <translation>Seu próprio texto</translation>
    </message>
    <message>
        <source>Paste or type any text: each of its tokens is coloured by how surprised the model is to see it.</source>
        <translation>Cole ou digite qualquer texto: cada token dele ganha a cor da surpresa do modelo ao vê-lo.</translation>
    </message>
    <message>
        <source>Train a model (or open one) to see where it is surprised.</source>
        <translation>Treine um modelo (ou abra um) para ver onde ele se surpreende.</translation>
    </message>
    <message>
        <source>sure</source>
        <translation>seguro</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>inseguro</translation>
    </message>
    <message>
        <source>Each token&apos;s background shows the model&apos;s loss there: {sure} {unsure} {surprised}. Hover a token for the details.</source>
        <translation>O fundo de cada token mostra a perda do modelo ali: {sure} {unsure} {surprised}. Passe o mouse sobre um token para ver os detalhes.</translation>
    </message>
    <message>
        <source>surprised ({n}+ nats)</source>
        <translation>surpreso ({n}+ nats)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Paste some text above.</source>
        <translation>Cole algum texto acima.</translation>
    </message>
    <message>
        <source>Too short: the model needs at least two tokens it knows.</source>
        <translation>Curto demais: o modelo precisa de pelo menos dois tokens que conheça.</translation>
    </message>
    <message>
        <source>{n} characters the vocabulary lacks are not scored.</source>
        <translation>{n} caracteres que faltam no vocabulário não são avaliados.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mean loss of this text: {loss} nats per token&lt;/b&gt; (as unsure as choosing among {perplexity}) · model at step {step} · most surprising: {worst}.</source>
        <translation>&lt;b&gt;Perda média deste texto: {loss} nats por token&lt;/b&gt; (tão incerto quanto escolher entre {perplexity}) · modelo no passo {step} · mais surpreendentes: {worst}.</translation>
    </message>
</context>
<context>
    <name>timeline_bar</name>
    <message>
        <source>Play the model&apos;s training from the first kept step (again to pause).</source>
        <translation>Reproduz o treino do modelo a partir do primeiro passo guardado (de novo para pausar).</translation>
    </message>
    <message>
        <source>Timeline: the step every view shows</source>
        <translation>Linha do tempo: o passo que todas as visões mostram</translation>
    </message>
    <message>
        <source>Drag to see every view as the model was at an earlier step; at the right end the views follow the model as it trains.</source>
        <translation>Arraste para ver cada visualização como o modelo era num passo anterior; na ponta direita, as visualizações acompanham o modelo enquanto ele treina.</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Agora</translation>
    </message>
    <message>
        <source>Back to the model as it is now.</source>
        <translation>Volta ao modelo como ele está agora.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <source>step {step} · held (now {now})</source>
        <translation>passo {step} · parado (agora {now})</translation>
    </message>
    <message>
        <source>step {step} · now</source>
        <translation>passo {step} · agora</translation>
    </message>
</context>
<context>
    <name>token_text</name>
    <message>
        <source>“{text}” never occurs in the training text: no token for it</source>
        <translation>“{text}” nunca aparece no texto de treino: não há token para ele</translation>
    </message>
    <message>
        <source>“{text}” is {n} byte tokens ({ids}): its UTF-8 bytes were never merged</source>
        <translation>“{text}” são {n} tokens de byte ({ids}): os bytes UTF-8 dele nunca foram fundidos</translation>
    </message>
    <message>
        <source>token #{id}  “{text}”  (1 character)</source>
        <translation>token #{id}  “{text}”  (1 caractere)</translation>
    </message>
    <message>
        <source>token #{id}  “{text}”  ({n} characters)</source>
        <translation>token #{id}  “{text}”  ({n} caracteres)</translation>
    </message>
</context>
<context>
    <name>tokenizer</name>
    <message>
        <source>The vocabulary is empty: the corpus has no characters.</source>
        <translation>O vocabulário está vazio: o corpus não tem caracteres.</translation>
    </message>
    <message>
        <source>A character vocabulary must list distinct single characters.</source>
        <translation>Um vocabulário de caracteres deve listar caracteres únicos e distintos.</translation>
    </message>
    <message>
        <source>This text has {count} different characters; a character vocabulary holds at most {most}. Use subwords (BPE) instead: they build every character from its bytes.</source>
        <translation>Este texto tem {count} caracteres diferentes; um vocabulário de caracteres comporta no máximo {most}. Use subpalavras (BPE): elas montam cada caractere a partir dos seus bytes.</translation>
    </message>
    <message>
        <source>The character {value} is not in this model&apos;s vocabulary.</source>
        <translation>O caractere {value} não está no vocabulário deste modelo.</translation>
    </message>
    <message>
        <source>The character {c} is not in this model&apos;s vocabulary.</source>
        <translation>O caractere {c} não está no vocabulário deste modelo.</translation>
    </message>
    <message>
        <source>A byte-level BPE vocabulary needs at least {min_vocab} tokens (the 256 bytes plus merges); {vocab_size} was asked for.</source>
        <translation>Um vocabulário BPE em bytes precisa de pelo menos {min_vocab} tokens (os 256 bytes mais as fusões); foram pedidos {vocab_size}.</translation>
    </message>
    <message>
        <source>A BPE vocabulary can have at most {most} tokens; {vocab_size} was asked for. Try 512 to 8,192 for a small text.</source>
        <translation>Um vocabulário BPE pode ter no máximo {most} tokens; foram pedidos {vocab_size}. Tente de 512 a 8.192 para um texto pequeno.</translation>
    </message>
    <message>
        <source>The saved tokenizer is damaged ({name}: {e}).</source>
        <translation>O tokenizador salvo está danificado ({name}: {e}).</translation>
    </message>
    <message>
        <source>Unknown tokenizer kind {kind}: this checkpoint was made by a newer app?</source>
        <translation>Tipo de tokenizador desconhecido {kind}: este modelo foi salvo por um aplicativo mais novo?</translation>
    </message>
    <message>
        <source>Unknown tokenizer {kind}; choose &apos;char&apos; or &apos;bpe&apos;.</source>
        <translation>Tokenizador desconhecido {kind}; escolha &apos;char&apos; ou &apos;bpe&apos;.</translation>
    </message>
</context>
<context>
    <name>tokens_panel</name>
    <message>
        <source>No text loaded.</source>
        <translation>Nenhum texto carregado.</translation>
    </message>
    <message>
        <source>Type a sentence to see how it splits into tokens</source>
        <translation>Digite uma frase para ver como ela se divide em tokens</translation>
    </message>
    <message>
        <source>Choose “Subwords (byte-level BPE)” under Tokens in the Data card: the same sentence then appears here split both ways.</source>
        <translation>Escolha “Subpalavras (BPE em bytes)” em Tokens no cartão Dados: a mesma frase aparece aqui dividida dos dois jeitos.</translation>
    </message>
    <message>
        <source>Search the vocabulary…</source>
        <translation>Buscar no vocabulário…</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Contagem</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Fração</translation>
    </message>
    <message>
        <source>A sentence, as the model reads it</source>
        <translation>Uma frase, como o modelo a lê</translation>
    </message>
    <message>
        <source>The start of the text, token by token (hover a token for its id)</source>
        <translation>O início do texto, token por token (passe o mouse para ver o id)</translation>
    </message>
    <message>
        <source>Vocabulary, most frequent first</source>
        <translation>Vocabulário, do mais frequente ao menos</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · {tokenizer} tokenizer · vocabulary &lt;b&gt;{vocab}&lt;/b&gt; · {tokens} tokens for {chars} characters: &lt;b&gt;{per_char}&lt;/b&gt; tokens per character ({per_token} characters per token)</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · tokenizador {tokenizer} · vocabulário &lt;b&gt;{vocab}&lt;/b&gt; · {tokens} tokens para {chars} caracteres: &lt;b&gt;{per_char}&lt;/b&gt; tokens por caractere ({per_token} caracteres por token)</translation>
    </message>
    <message>
        <source>{n} tokens never occur</source>
        <translation>{n} tokens nunca aparecem</translation>
    </message>
    <message>
        <source>{tokenizer}: &lt;b&gt;{n}&lt;/b&gt; tokens for {chars} characters</source>
        <translation>{tokenizer}: &lt;b&gt;{n}&lt;/b&gt; tokens para {chars} caracteres</translation>
    </message>
    <message>
        <source>The same sentence with {name}: &lt;b&gt;{n}&lt;/b&gt; tokens</source>
        <translation>A mesma frase com {name}: &lt;b&gt;{n}&lt;/b&gt; tokens</translation>
    </message>
    <message>
        <source>{total} tokens</source>
        <translation>{total} tokens</translation>
    </message>
    <message>
        <source>{shown} of {total} tokens match</source>
        <translation>{shown} de {total} tokens correspondem</translation>
    </message>
</context>
<context>
    <name>tour</name>
    <message>
        <source>head {n}</source>
        <translation>cabeça {n}</translation>
    </message>
    <message>
        <source>FFN</source>
        <translation>FFN</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>each part&apos;s push on the likeliest token&apos;s score</source>
        <translation>o empurrão de cada parte na pontuação do token mais provável</translation>
    </message>
    <message>
        <source>Your model has hardly trained yet, so this shows little; train {n} steps and look again.</source>
        <translation>Seu modelo mal treinou ainda, então isto mostra pouco; treine {n} passos e olhe de novo.</translation>
    </message>
    <message>
        <source>single characters</source>
        <translation>caracteres individuais</translation>
    </message>
    <message>
        <source>subwords learned from your text (byte-level BPE)</source>
        <translation>subpalavras aprendidas com o seu texto (BPE em bytes)</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} tokens</translation>
    </message>
    <message>
        <source>The text becomes tokens</source>
        <translation>O texto vira tokens</translation>
    </message>
    <message>
        <source>The model never sees letters, only numbers. Your tokenizer cuts text into {kind}: {vocab} different tokens, each with an id. Below, your prompt as the ids the model reads.</source>
        <translation>O modelo nunca vê letras, só números. Seu tokenizador corta o texto em {kind}: {vocab} tokens diferentes, cada um com um id. Abaixo, o seu prompt como os ids que o modelo lê.</translation>
    </message>
    <message>
        <source>Token embeddings</source>
        <translation>Incorporação de tokens</translation>
    </message>
    <message>
        <source>Each id picks one row of a table with {vocab} rows and d_model = {d} columns: the token&apos;s vector. The table starts random; training moves tokens that behave alike close together (Explain ▸ Embedding map shows it).</source>
        <translation>Cada id escolhe uma linha de uma tabela com {vocab} linhas e d_model = {d} colunas: o vetor do token. A tabela começa aleatória; o treino aproxima tokens que se comportam de forma parecida (Explicar ▸ Mapa de incorporações mostra isso).</translation>
    </message>
    <message>
        <source>Attention by itself ignores order. Your model uses learned positions: a second table with one row per position (up to {context}), trained like the embeddings and added to each token&apos;s vector.</source>
        <translation>A atenção, sozinha, ignora a ordem. Seu modelo usa posições aprendidas: uma segunda tabela com uma linha por posição (até {context}), treinada como as incorporações e somada ao vetor de cada token.</translation>
    </message>
    <message>
        <source>Attention by itself ignores order. Your model adds the paper&apos;s fixed sinusoidal positions: sine and cosine waves of falling frequency, a different pattern for each of its {context} positions, nothing to train.</source>
        <translation>A atenção, sozinha, ignora a ordem. Seu modelo soma as posições senoidais fixas do artigo: ondas de seno e cosseno de frequência decrescente, um padrão diferente para cada uma das {context} posições, nada a treinar.</translation>
    </message>
    <message>
        <source>Attention by itself ignores order, and your model has no positional encoding: to it the context is a bag of tokens. Choose Learned under Positions to give it a sense of order.</source>
        <translation>A atenção, sozinha, ignora a ordem, e seu modelo não tem codificação posicional: para ele, o contexto é um saco de tokens. Escolha Aprendida em Posições para dar a ele noção de ordem.</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>Codificação posicional</translation>
    </message>
    <message>
        <source>Queries, keys and values</source>
        <translation>Consultas, chaves e valores</translation>
    </message>
    <message>
        <source>In each of your {heads} heads, three learned matrices turn every token&apos;s vector into a query (what it looks for), a key (what it offers) and a value (what it hands over). Each has d_k = {d_k} dimensions: d_model {d} split among {heads} heads.</source>
        <translation>Em cada uma das suas {heads} cabeças, três matrizes aprendidas transformam o vetor de cada token em uma consulta (o que ele procura), uma chave (o que ele oferece) e um valor (o que ele entrega). Cada uma tem d_k = {d_k} dimensões: d_model {d} dividido entre {heads} cabeças.</translation>
    </message>
    <message>
        <source>Scores QKᵀ/√d_k</source>
        <translation>Pontuações QKᵀ/√d_k</translation>
    </message>
    <message>
        <source>Every query is compared with every key by a dot product: a large score means “this key is what I look for”. The scores are divided by √d_k = √{d_k} ≈ {root}: dot products of longer vectors grow larger, and without the division the softmax would saturate into all-or-nothing weights that barely learn.</source>
        <translation>Cada consulta é comparada com cada chave por um produto escalar: uma pontuação alta quer dizer “esta chave é o que eu procuro”. As pontuações são divididas por √d_k = √{d_k} ≈ {root}: produtos escalares de vetores mais longos ficam maiores e, sem a divisão, o softmax saturaria em pesos de tudo ou nada que quase não aprendem.</translation>
    </message>
    <message>
        <source>A decoder predicts the next token, so position t may only look at positions up to t: the scores above the diagonal become −∞ before the softmax. Without the mask the model would read the answer while training and learn nothing it can use when writing.</source>
        <translation>Um decodificador prevê o próximo token, então a posição t só pode olhar para as posições até t: as pontuações acima da diagonal viram −∞ antes do softmax. Sem a máscara, o modelo leria a resposta durante o treino e não aprenderia nada que pudesse usar ao escrever.</translation>
    </message>
    <message>
        <source>Your model trains without the causal mask: every position can read the token it must predict. Its training loss will collapse towards zero and its text will be garbage — that is what the mask prevents. Tick Causal mask to put it back.</source>
        <translation>Seu modelo treina sem a máscara causal: cada posição pode ler o token que deve prever. A perda de treino vai despencar para perto de zero e o texto dele será lixo — é isso que a máscara evita. Marque Máscara causal para recolocá-la.</translation>
    </message>
    <message>
        <source>The causal mask</source>
        <translation>A máscara causal</translation>
    </message>
    <message>
        <source>Softmax: the attention weights</source>
        <translation>Softmax: os pesos de atenção</translation>
    </message>
    <message>
        <source>Softmax turns each row of scores into weights between 0 and 1 that add up to 1: how much each position takes from each earlier one. The Prompt &amp;amp; attention tab draws them for every layer and head.</source>
        <translation>O softmax transforma cada linha de pontuações em pesos entre 0 e 1 que somam 1: quanto cada posição toma de cada posição anterior. A aba Prompt &amp;amp; atenção os desenha para cada camada e cabeça.</translation>
    </message>
    <message>
        <source>The attention maps are almost uniform now; train {n} steps and look again.</source>
        <translation>Os mapas de atenção estão quase uniformes agora; treine {n} passos e olhe de novo.</translation>
    </message>
    <message>
        <source>Heads concatenated and projected</source>
        <translation>Cabeças concatenadas e projetadas</translation>
    </message>
    <message>
        <source>Each head&apos;s output is its weights times the values: a weighted average of what earlier tokens hand over. Your {heads} heads&apos; outputs, {d_k} numbers each, are laid side by side — {d} again — and mixed by the output matrix W_O.</source>
        <translation>A saída de cada cabeça são os pesos vezes os valores: uma média ponderada do que os tokens anteriores entregam. As saídas das suas {heads} cabeças, com {d_k} números cada, são postas lado a lado — {d} de novo — e misturadas pela matriz de saída W_O.</translation>
    </message>
    <message>
        <source>The feed-forward layer</source>
        <translation>A camada feed-forward</translation>
    </message>
    <message>
        <source>Then each position alone goes through a small two-layer network, {d} → {d_ff} → {d}, with {activation} in between. Attention moves information between positions; the feed-forward layer works on what each position now holds.</source>
        <translation>Depois, cada posição, sozinha, passa por uma pequena rede de duas camadas, {d} → {d_ff} → {d}, com {activation} no meio. A atenção move informação entre posições; a camada feed-forward trabalha sobre o que cada posição agora guarda.</translation>
    </message>
    <message>
        <source>Each sublayer adds its result to its own input — the residual connection — so information and gradients flow straight through your {layers} blocks. Your model normalises before each sublayer (pre-norm, as GPT-2): every vector is rescaled to mean 0 and variance 1, then by learned gains.</source>
        <translation>Cada subcamada soma o resultado à própria entrada — a conexão residual —, então informação e gradientes atravessam direto os seus {layers} blocos. Seu modelo normaliza antes de cada subcamada (pré-norma, como o GPT-2): cada vetor é reescalado para média 0 e variância 1, depois por ganhos aprendidos.</translation>
    </message>
    <message>
        <source>Each sublayer adds its result to its own input — the residual connection — so information and gradients flow straight through your {layers} blocks. Your model normalises after each sum (post-norm, as the 2017 paper): every vector is rescaled to mean 0 and variance 1, then by learned gains.</source>
        <translation>Cada subcamada soma o resultado à própria entrada — a conexão residual —, então informação e gradientes atravessam direto os seus {layers} blocos. Seu modelo normaliza depois de cada soma (pós-norma, como o artigo de 2017): cada vetor é reescalado para média 0 e variância 1, depois por ganhos aprendidos.</translation>
    </message>
    <message>
        <source>Residual connections and layer norm</source>
        <translation>Conexões residuais e normalização de camada</translation>
    </message>
    <message>
        <source>(your model reuses the embedding table for it)</source>
        <translation>(seu modelo reaproveita para isso a tabela de incorporação)</translation>
    </message>
    <message>
        <source>One score per token, then probabilities</source>
        <translation>Uma pontuação por token, depois probabilidades</translation>
    </message>
    <message>
        <source>After the last of your {layers} blocks, the vector at the last position is multiplied by an output matrix {tied}: one score, a logit, for each of the {vocab} tokens. Softmax turns the scores into the probability of each token coming next.</source>
        <translation>Depois do último dos seus {layers} blocos, o vetor da última posição é multiplicado por uma matriz de saída {tied}: uma pontuação, um logit, para cada um dos {vocab} tokens. O softmax transforma as pontuações na probabilidade de cada token vir a seguir.</translation>
    </message>
    <message>
        <source>Why this token? Every part&apos;s share of the score</source>
        <translation>Por que este token? A parte de cada peça na pontuação</translation>
    </message>
    <message>
        <source>The vector at the last position is a sum: the token&apos;s embedding, its position, and what each of your {heads} heads and {layers} feed-forward layers wrote into the residual stream. Through the final layer norm and the output matrix, each part adds its own share to a token&apos;s score. The map shows those shares for the likeliest next token, the parts that pushed it up and those that pushed it down; right-click a bar in the Prompt tab to ask about another token.</source>
        <translation>O vetor da última posição é uma soma: o embedding do token, sua posição e o que cada uma das suas {heads} cabeças e {layers} camadas feed-forward escreveu no fluxo residual. Passando pela LayerNorm final e pela matriz de saída, cada parte soma a sua própria fatia à pontuação de um token. O mapa mostra essas fatias para o próximo token mais provável, as partes que o empurraram para cima e as que o empurraram para baixo; clique com o botão direito numa barra da aba Prompt para perguntar sobre outro token.</translation>
    </message>
    <message>
        <source>Your model normalises after each add (post-norm), so its score is not such a sum: choose pre-norm to see the map.</source>
        <translation>Seu modelo normaliza depois de cada soma (post-norm), então a pontuação dele não é uma soma assim: escolha pre-norm para ver o mapa.</translation>
    </message>
    <message>
        <source>−ln P</source>
        <translation>−ln P</translation>
    </message>
    <message>
        <source>surprise at each next token of your prompt</source>
        <translation>surpresa com cada próximo token do seu prompt</translation>
    </message>
    <message>
        <source>The loss: surprise at the real next token</source>
        <translation>A perda: a surpresa com o próximo token real</translation>
    </message>
    <message>
        <source>Training compares the probabilities with the token that really came next. The loss is the surprise −ln P(real next token): 0 when the model was sure and right, large when it gave the real token little chance. Training nudges every weight to lower the average surprise — the curve in the Training tab. How far each weight moves is the optimizer&apos;s choice: AdamW gives every weight its own step size; Muon makes each matrix&apos;s update orthogonal, so all its directions learn at a similar rate.</source>
        <translation>O treino compara as probabilidades com o token que realmente veio depois. A perda é a surpresa −ln P(próximo token real): 0 quando o modelo tinha certeza e acertou, grande quando deu pouca chance ao token real. O treino ajusta cada peso para baixar a surpresa média — a curva na aba Treino. Quanto cada peso se move é escolha do otimizador: o AdamW dá a cada peso o seu próprio tamanho de passo; o Muon torna ortogonal a atualização de cada matriz, para que todas as suas direções aprendam num ritmo parecido.</translation>
    </message>
    <message>
        <source>No curve yet: train {n} steps and watch the loss fall.</source>
        <translation>Ainda não há curva: treine {n} passos e veja a perda cair.</translation>
    </message>
    <message>
        <source>Writing, one token at a time</source>
        <translation>Escrevendo, um token por vez</translation>
    </message>
    <message>
        <source>To write, the model predicts one token, appends it to the prompt and predicts again, each time reading up to {context} tokens of context. Temperature, top-k and top-p decide how boldly it picks from the probabilities. Press Generate to watch it write.</source>
        <translation>Para escrever, o modelo prevê um token, acrescenta-o ao prompt e prevê de novo, lendo a cada vez até {context} tokens de contexto. Temperatura, top-k e top-p decidem com que ousadia ele escolhe entre as probabilidades. Pressione Gerar para vê-lo escrever.</translation>
    </message>
</context>
<context>
    <name>tour_panel</name>
    <message>
        <source>◀  Back</source>
        <translation>◀  Voltar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>The tour remembers this step: Help ▸ Tour goes on from here.</source>
        <translation>O tour lembra este passo: Ajuda ▸ Tour continua daqui.</translation>
    </message>
    <message>
        <source>Tour · step {n} of {total}</source>
        <translation>Tour · passo {n} de {total}</translation>
    </message>
    <message>
        <source>Train a model (▶ Train) and your model&apos;s own numbers appear here.</source>
        <translation>Treine um modelo (▶ Treinar) e os números do seu próprio modelo aparecem aqui.</translation>
    </message>
    <message>
        <source>Train {n} steps</source>
        <translation>Treinar {n} passos</translation>
    </message>
    <message>
        <source>Train {n} more steps</source>
        <translation>Treinar mais {n} passos</translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation>Avançar  ▶</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Concluir</translation>
    </message>
</context>
<context>
    <name>trainer</name>
    <message>
        <source>Batch size must be 1–4096 (got {batch_size}).</source>
        <translation>O tamanho do lote deve ser de 1 a 4096 (veio {batch_size}).</translation>
    </message>
    <message>
        <source>Learning rate must be above 0 and at most 100 (got {learning_rate}).</source>
        <translation>A taxa de aprendizado deve ser maior que 0 e no máximo 100 (veio {learning_rate}).</translation>
    </message>
    <message>
        <source>Training steps must be at least 1 (got {max_steps}).</source>
        <translation>Os passos de treino devem ser pelo menos 1 (veio {max_steps}).</translation>
    </message>
    <message>
        <source>The validation fraction must be between 0 and 0.9 (got {val_fraction}).</source>
        <translation>A fração de validação deve estar entre 0 e 0,9 (veio {val_fraction}).</translation>
    </message>
    <message>
        <source>Gradient clipping must be 0 (off) or a positive norm, e.g. 1.0 (got {grad_clip}).</source>
        <translation>O corte do gradiente deve ser 0 (desligado) ou uma norma positiva, por exemplo 1,0 (veio {grad_clip}).</translation>
    </message>
    <message>
        <source>Weight decay must be from 0 (off) to 10, e.g. 0.1 (got {weight_decay}): a negative one pushes the weights to grow.</source>
        <translation>O decaimento dos pesos deve ir de 0 (desligado) a 10, por exemplo 0,1 (veio {weight_decay}): um valor negativo faz os pesos crescerem.</translation>
    </message>
    <message>
        <source>The optimizer must be one of {choices} (got {optimizer}).</source>
        <translation>O otimizador deve ser um de {choices} (veio {optimizer}).</translation>
    </message>
    <message>
        <source>Precision must be one of {value} (got {precision}).</source>
        <translation>A precisão deve ser uma de {value} (veio {precision}).</translation>
    </message>
    <message>
        <source>Warm-up must be 0 or more steps (got {warmup_steps}).</source>
        <translation>O aquecimento deve ter 0 ou mais passos (veio {warmup_steps}).</translation>
    </message>
    <message>
        <source>A warm-up of {warmup_steps} steps is as long as the whole run ({max_steps} steps): the learning rate would never reach its peak. Use a warm-up shorter than the run, e.g. {value} (or leave it out: the warm-up is then 10 % of the run).</source>
        <translation>Um aquecimento de {warmup_steps} passos é tão longo quanto a execução inteira ({max_steps} passos): a taxa de aprendizado nunca chegaria ao pico. Use um aquecimento mais curto que a execução, por exemplo {value} (ou deixe sem: o aquecimento passa a ser 10 % da execução).</translation>
    </message>
    <message>
        <source>The evaluation and sample intervals and the evaluation batches must be at least 1.</source>
        <translation>Os intervalos de avaliação e de amostra e os lotes de avaliação devem ser pelo menos 1.</translation>
    </message>
    <message>
        <source>The learning-rate schedule&apos;s ratios must be between 0 and 1.</source>
        <translation>As razões da programação da taxa de aprendizado devem estar entre 0 e 1.</translation>
    </message>
    <message>
        <source>The training setting {name} must be {kind} (got {value}).</source>
        <translation>A configuração de treino {name} deve ser {kind} (veio {value}).</translation>
    </message>
    <message>
        <source>The seed must be from 0 to 2⁶³ − 1 (got {seed}).</source>
        <translation>A semente deve ser de 0 a 2⁶³ − 1 (veio {seed}).</translation>
    </message>
    <message>
        <source>Threads must be 0 (all cores) to 1024 (got {threads}).</source>
        <translation>As threads devem ser de 0 (todos os núcleos) a 1024 (veio {threads}).</translation>
    </message>
    <message>
        <source>The training settings are not a table of values (got {name}).</source>
        <translation>As configurações de treino não são uma tabela de valores (veio {name}).</translation>
    </message>
    <message>
        <source>{what} is too short for context length {context_length}: it has {n_ids} tokens, and both the training part and the {val_fraction} validation part need at least {needed} (about {minimum} tokens in all). Use a longer text or a shorter context.</source>
        <translation>{what} é curto demais para o tamanho de contexto {context_length}: tem {n_ids} tokens, e tanto a parte de treino quanto a parte de validação de {val_fraction} precisam de pelo menos {needed} (cerca de {minimum} tokens no total). Use um texto mais longo ou um contexto menor.</translation>
    </message>
    <message>
        <source>The loss history is not a table of lists.</source>
        <translation>O histórico de perdas não é uma tabela de listas.</translation>
    </message>
    <message>
        <source>The loss history&apos;s {name} is not a list of numbers.</source>
        <translation>O campo {name} do histórico de perdas não é uma lista de números.</translation>
    </message>
    <message>
        <source>The loss history&apos;s steps and losses do not line up.</source>
        <translation>Os passos e as perdas do histórico não se correspondem.</translation>
    </message>
    <message>
        <source>The model&apos;s vocabulary ({model_vocab}) does not match the tokenizer&apos;s ({tokenizer_vocab}).</source>
        <translation>O vocabulário do modelo ({model_vocab}) não combina com o do tokenizador ({tokenizer_vocab}).</translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <translation>Parado pelo usuário.</translation>
    </message>
    <message>
        <source>The loss became {loss} at step {step}: training diverged. The last good weights are kept. Lower the learning rate and train again.</source>
        <translation>A perda virou {loss} no passo {step}: o treino divergiu. Os últimos pesos bons foram mantidos. Diminua a taxa de aprendizado e treine de novo.</translation>
    </message>
    <message>
        <source>Training stopped: {why}</source>
        <translation>O treino parou: {why}</translation>
    </message>
    <message>
        <source>Training stopped by an error: {kind}: {why}</source>
        <translation>O treino parou por um erro: {kind}: {why}</translation>
    </message>
    <message>
        <source>Finished {steps} steps.</source>
        <translation>{steps} passos concluídos.</translation>
    </message>
    <message>
        <source>Kept the weights of step {step}, the best validation loss ({loss}).</source>
        <translation>Mantidos os pesos do passo {step}, a melhor perda de validação ({loss}).</translation>
    </message>
</context>
<context>
    <name>training_panel</name>
    <message>
        <source>loss in nats per token</source>
        <translation>perda em nats por token</translation>
    </message>
    <message>
        <source>bits per character</source>
        <translation>bits por caractere</translation>
    </message>
    <message>
        <source>learning rate ×{scale}</source>
        <translation>taxa ×{scale}</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>incorporações</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>▶  Train</source>
        <translation>▶  Treinar</translation>
    </message>
    <message>
        <source>Start training (Space). Space again pauses and resumes.</source>
        <translation>Começar a treinar (Espaço). Espaço de novo pausa e retoma.</translation>
    </message>
    <message>
        <source>‖  Pause</source>
        <translation>‖  Pausar</translation>
    </message>
    <message>
        <source>■  Stop</source>
        <translation>■  Parar</translation>
    </message>
    <message>
        <source>Stop after the current step; the model trained so far is kept.</source>
        <translation>Para depois do passo atual; o modelo treinado até aqui é mantido.</translation>
    </message>
    <message>
        <source>+1  Step</source>
        <translation>+1  Passo</translation>
    </message>
    <message>
        <source>While paused: one optimizer step, then see what it changed — the loss on its batch before and after, each layer&apos;s gradient and update size.</source>
        <translation>Com o treino pausado: um passo do otimizador, e então veja o que ele mudou — a perda no lote antes e depois, o gradiente e o tamanho da atualização de cada camada.</translation>
    </message>
    <message>
        <source>Multiply the learning-rate schedule from the next step on, while training runs; the change is marked on the plot and kept in the run&apos;s schedule.</source>
        <translation>Multiplica a programação da taxa de aprendizado a partir do próximo passo, com o treino em andamento; a mudança é marcada no gráfico e guardada na programação da execução.</translation>
    </message>
    <message>
        <source>⟲  Reset</source>
        <translation>⟲  Reiniciar</translation>
    </message>
    <message>
        <source>Discard the trained model and start again from random weights.</source>
        <translation>Descarta o modelo treinado e recomeça com pesos aleatórios.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>passo %v / %m</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>escala log</translation>
    </message>
    <message>
        <source>x: steps</source>
        <translation>x: passos</translation>
    </message>
    <message>
        <source>x: tokens</source>
        <translation>x: tokens</translation>
    </message>
    <message>
        <source>Clear earlier runs</source>
        <translation>Limpar execuções anteriores</translation>
    </message>
    <message>
        <source>Earlier runs of this session stay as faint dashed curves until cleared.</source>
        <translation>Execuções anteriores desta sessão ficam como curvas tracejadas claras até serem limpas.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perda</translation>
    </message>
    <message>
        <source>baselines</source>
        <translation>referências</translation>
    </message>
    <message>
        <source>Dotted lines: the validation loss of guessing blindly (uniform), from how often each token occurs (unigram), and from the previous one or two tokens (bigram, trigram), counted on your text.</source>
        <translation>Linhas pontilhadas: a perda de validação de chutar às cegas (uniforme), pela frequência de cada token (unigrama) e pelo token anterior ou pelos dois anteriores (bigrama, trigrama), contadas no seu texto.</translation>
    </message>
    <message>
        <source>Bits per character compares runs with different tokenizers: a subword&apos;s loss covers several characters.</source>
        <translation>Bits por caractere permitem comparar execuções com tokenizadores diferentes: a perda de uma subpalavra cobre vários caracteres.</translation>
    </message>
    <message>
        <source>health</source>
        <translation>saúde</translation>
    </message>
    <message>
        <source>Show the gradient norm and each layer&apos;s update size over the steps.</source>
        <translation>Mostra a norma do gradiente e o tamanho da atualização de cada camada ao longo dos passos.</translation>
    </message>
    <message>
        <source>Stop and keep the best weights</source>
        <translation>Parar e manter os melhores pesos</translation>
    </message>
    <message>
        <source>What the model writes now</source>
        <translation>O que o modelo escreve agora</translation>
    </message>
    <message>
        <source>Samples appear here every few hundred steps while the model trains: watch gibberish turn into your text&apos;s style.</source>
        <translation>Amostras aparecem aqui a cada poucas centenas de passos enquanto o modelo treina: veja o rabisco virar o estilo do seu texto.</translation>
    </message>
    <message>
        <source>temperature {t}</source>
        <translation>temperatura {t}</translation>
    </message>
    <message>
        <source>How adventurous the samples written while training are (below 1: safer, above 1: wilder); takes effect at the next sample, mid-run.</source>
        <translation>Quão ousadas são as amostras escritas durante o treino (abaixo de 1: mais seguras; acima de 1: mais loucas); vale a partir da próxima amostra, no meio da execução.</translation>
    </message>
    <message>
        <source>loss {loss} · {speed} tokens/s · elapsed {elapsed}</source>
        <translation>perda {loss} · {speed} tokens/s · decorrido {elapsed}</translation>
    </message>
    <message>
        <source>ETA {remaining}</source>
        <translation>faltam {remaining}</translation>
    </message>
    <message>
        <source>What the model writes now (step {step})</source>
        <translation>O que o modelo escreve agora (passo {step})</translation>
    </message>
    <message>
        <source>loss (nats per token)</source>
        <translation>perda (nats por token)</translation>
    </message>
    <message>
        <source>Kept the weights of step {step}</source>
        <translation>Mantidos os pesos do passo {step}</translation>
    </message>
    <message>
        <source>the model is step {step}&apos;s: validation loss {loss}</source>
        <translation>o modelo é o do passo {step}: perda de validação {loss}</translation>
    </message>
    <message>
        <source>That is {bits} bits per character.</source>
        <translation>Isso dá {bits} bits por caractere.</translation>
    </message>
    <message>
        <source>Go back to the weights of step {step}</source>
        <translation>Voltar aos pesos do passo {step}</translation>
    </message>
    <message>
        <source>▶  Train more</source>
        <translation>▶  Treinar mais</translation>
    </message>
    <message>
        <source>▶  Resume</source>
        <translation>▶  Retomar</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Treinando…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Ready to train</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Stopped: error</source>
        <translation>Parado: erro</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>“{name}” was trained elsewhere, on text that is not here: its loss curves are not in its folder, so there is nothing to plot. Press ▶ Train to train it further on your text (fine-tuning); on a CPU, each step of a model this size takes seconds.</source>
        <translation>“{name}” foi treinado em outro lugar, com um texto que não está aqui: as suas curvas de perda não estão na pasta, então não há nada para desenhar. Aperte ▶ Treinar para continuar o treino no seu texto (fine-tuning); numa CPU, cada passo de um modelo deste tamanho leva segundos.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step {step}&lt;/b&gt;: the loss on its batch went {before} → {after}. Gradient norm by part: {grads}. Each part moved by (update ÷ weight): {updates}.</source>
        <translation>&lt;b&gt;Passo {step}&lt;/b&gt;: a perda no lote foi de {before} → {after}. Norma do gradiente por parte: {grads}. Quanto cada parte se moveu (atualização ÷ peso): {updates}.</translation>
    </message>
</context>
<context>
    <name>training_worker</name>
    <message>
        <source>Training stopped by an error: {error}</source>
        <translation>O treino parou por um erro: {error}</translation>
    </message>
</context>
<context>
    <name>untrusted</name>
    <message>
        <source>{name} is missing</source>
        <translation>{name} não existe</translation>
    </message>
    <message>
        <source>{name} cannot be read ({value})</source>
        <translation>{name} não pode ser lido ({value})</translation>
    </message>
    <message>
        <source>{name} is a link, not a file (links are not followed)</source>
        <translation>{name} é um link, não um arquivo (links não são seguidos)</translation>
    </message>
    <message>
        <source>{name} is not a plain file (it is a folder, pipe or device)</source>
        <translation>{name} não é um arquivo comum (é uma pasta, pipe ou dispositivo)</translation>
    </message>
    <message>
        <source>{name} is {st_size} bytes, more than the {max_bytes} it may be</source>
        <translation>{name} tem {st_size} bytes, mais do que os {max_bytes} permitidos</translation>
    </message>
    <message>
        <source>{name} is not a plain file</source>
        <translation>{name} não é um arquivo comum</translation>
    </message>
    <message>
        <source>{name} is larger than the {max_bytes} bytes it may be</source>
        <translation>{name} é maior do que os {max_bytes} bytes permitidos</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>Val {loss} (as unsure as choosing among {n} characters)</source>
        <translation>Val {loss} (tão incerto quanto escolher entre {n} caracteres)</translation>
    </message>
    <message>
        <source>Val {loss} (as unsure as choosing among {n} tokens)</source>
        <translation>Val {loss} (tão incerto quanto escolher entre {n} tokens)</translation>
    </message>
    <message>
        <source>{head}: better than the trigram guess ({trigram}) — the model uses more than the last two characters.</source>
        <translation>{head}: melhor que o palpite de trigramas ({trigram}) — o modelo usa mais do que os dois últimos caracteres.</translation>
    </message>
    <message>
        <source>{head}: better than the trigram guess ({trigram}) — the model uses more than the last two tokens.</source>
        <translation>{head}: melhor que o palpite de trigramas ({trigram}) — o modelo usa mais do que os dois últimos tokens.</translation>
    </message>
    <message>
        <source>{head}: better than guessing from the previous character ({bigram}), not yet as good as the last two characters (trigram {trigram}).</source>
        <translation>{head}: melhor que adivinhar pelo caractere anterior ({bigram}), mas ainda não tão bom quanto usar os dois últimos caracteres (trigrama {trigram}).</translation>
    </message>
    <message>
        <source>{head}: better than guessing from the previous token ({bigram}), not yet as good as the last two tokens (trigram {trigram}).</source>
        <translation>{head}: melhor que adivinhar pelo token anterior ({bigram}), mas ainda não tão bom quanto usar os dois últimos tokens (trigrama {trigram}).</translation>
    </message>
    <message>
        <source>{head}: better than counting how often each character occurs ({unigram}), still worse than guessing from the previous character alone ({bigram}).</source>
        <translation>{head}: melhor que contar com que frequência cada caractere aparece ({unigram}), mas ainda pior que adivinhar só pelo caractere anterior ({bigram}).</translation>
    </message>
    <message>
        <source>{head}: better than counting how often each token occurs ({unigram}), still worse than guessing from the previous token alone ({bigram}).</source>
        <translation>{head}: melhor que contar com que frequência cada token aparece ({unigram}), mas ainda pior que adivinhar só pelo token anterior ({bigram}).</translation>
    </message>
    <message>
        <source>{head}: better than a blind guess ({uniform}), still worse than counting how often each character occurs ({unigram}).</source>
        <translation>{head}: melhor que um chute às cegas ({uniform}), mas ainda pior que contar com que frequência cada caractere aparece ({unigram}).</translation>
    </message>
    <message>
        <source>{head}: better than a blind guess ({uniform}), still worse than counting how often each token occurs ({unigram}).</source>
        <translation>{head}: melhor que um chute às cegas ({uniform}), mas ainda pior que contar com que frequência cada token aparece ({unigram}).</translation>
    </message>
    <message>
        <source>{head}: no better than a blind guess among all {vocab} characters ({uniform}) — the model has not learned anything yet.</source>
        <translation>{head}: não é melhor que um chute às cegas entre todos os {vocab} caracteres ({uniform}) — o modelo ainda não aprendeu nada.</translation>
    </message>
    <message>
        <source>{head}: no better than a blind guess among all {vocab} tokens ({uniform}) — the model has not learned anything yet.</source>
        <translation>{head}: não é melhor que um chute às cegas entre todos os {vocab} tokens ({uniform}) — o modelo ainda não aprendeu nada.</translation>
    </message>
    <message>
        <source>The model is memorising the training text: validation loss rose from {best} (step {step}) to {latest} while the training loss kept falling. More text, dropout or a smaller model would help; the weights of step {step} are kept and can be restored.</source>
        <translation>O modelo está decorando o texto de treino: a perda de validação subiu de {best} (passo {step}) para {latest} enquanto a perda de treino continuou caindo. Mais texto, dropout ou um modelo menor ajudariam; os pesos do passo {step} estão guardados e podem ser restaurados.</translation>
    </message>
    <message>
        <source>{layers} layers</source>
        <translation>{layers} camadas</translation>
    </message>
    <message>
        <source>d_model {d_model} ({params} parameters)</source>
        <translation>d_model {d_model} ({params} parâmetros)</translation>
    </message>
    <message>
        <source>dropout {dropout}</source>
        <translation>dropout {dropout}</translation>
    </message>
    <message>
        <source>“{name}” is small for this model: {tokens} training tokens and {params} parameters, and {steps} steps would show it each token about {passes} times, so it will memorise the text within a few hundred steps. Suggested: {changes}.</source>
        <translation>“{name}” é pequeno para este modelo: {tokens} tokens de treino e {params} parâmetros, e {steps} passos mostrariam cada token cerca de {passes} vezes, então ele vai decorar o texto em poucas centenas de passos. Sugestão: {changes}.</translation>
    </message>
    <message>
        <source>This model trained without the causal mask: every position could read the token it was asked to predict, one place ahead. That is why its training loss fell so low — and why the text it writes is garbage: when writing, there is no next token to read.</source>
        <translation>Este modelo treinou sem a máscara causal: cada posição podia ler o token que devia prever, uma casa à frente. Por isso a perda de treino caiu tanto — e por isso o texto que ele escreve é lixo: ao escrever, não há próximo token para ler.</translation>
    </message>
    <message>
        <source>This model has no positional encoding: to it the context is a bag of tokens, with no order. Compare its loss with a model that knows positions.</source>
        <translation>Este modelo não tem codificação posicional: para ele, o contexto é um saco de tokens, sem ordem. Compare a perda dele com a de um modelo que conhece as posições.</translation>
    </message>
    <message>
        <source>Updates are about {times}× smaller than usual (each step moves the weights by {ratio} of their size; about 1e-3 is typical): the learning rate may be too low.</source>
        <translation>As atualizações estão cerca de {times}× menores que o usual (cada passo move os pesos em {ratio} do tamanho deles; o típico é cerca de 1e-3): a taxa de aprendizado pode estar baixa demais.</translation>
    </message>
    <message>
        <source>Updates are large: each step moves the weights by {ratio} of their size (about 1e-3 is typical): the learning rate may be too high; watch for a jumping or diverging loss.</source>
        <translation>As atualizações estão grandes: cada passo move os pesos em {ratio} do tamanho deles (o típico é cerca de 1e-3): a taxa de aprendizado pode estar alta demais; fique de olho numa perda que salta ou diverge.</translation>
    </message>
    <message>
        <source>The gradient is clipped at almost every step: the steps are capped, so the learning rate may be too high — or the model is still far from fitting, early in a run.</source>
        <translation>O gradiente é cortado em quase todo passo: os passos estão limitados, então a taxa de aprendizado pode estar alta demais — ou o modelo ainda está longe de se ajustar, no começo de uma execução.</translation>
    </message>
</context>
<context>
    <name>why_panel</name>
    <message>
        <source>Train a model (or open one) to see why it predicts a token.</source>
        <translation>Treine um modelo (ou abra um) para ver por que ele prevê um token.</translation>
    </message>
    <message>
        <source>The next token to explain</source>
        <translation>O próximo token a explicar</translation>
    </message>
    <message>
        <source>The next token to explain: the model&apos;s likeliest ones for the prompt (the Prompt tab&apos;s bars).</source>
        <translation>O próximo token a explicar: os mais prováveis para o prompt, segundo o modelo (as barras da aba Prompt).</translation>
    </message>
    <message>
        <source>push on the logit</source>
        <translation>empurrão no logit</translation>
    </message>
    <message>
        <source>Why does the model predict</source>
        <translation>Por que o modelo prevê</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>camada {n}</translation>
    </message>
    <message>
        <source>head {n}</source>
        <translation>cabeça {n}</translation>
    </message>
    <message>
        <source>FFN</source>
        <translation>FFN</translation>
    </message>
    <message>
        <source>Cells above 0 on the colour bar pushed this token&apos;s logit up, those below 0 pushed it down. Biggest pushes: {tops}. With the embedding ({embedding}) and the biases ({rest}) they add up to its logit, {logit}. Click a head for the earlier tokens it drew on; double-click for its attention map.</source>
        <translation>As células acima de 0 na barra de cores empurraram o logit deste token para cima, as abaixo de 0 o empurraram para baixo. Maiores empurrões: {tops}. Com a incorporação ({embedding}) e os vieses ({rest}) eles somam o seu logit, {logit}. Clique numa cabeça para ver os tokens anteriores que ela usou; clique duas vezes para o seu mapa de atenção.</translation>
    </message>
    <message>
        <source>Through layer {layer} head {head} (its push: {push}): how much each earlier token of the prompt, by attention weight × its value, pushed the token.</source>
        <translation>Pela camada {layer} cabeça {head} (o seu empurrão: {push}): quanto cada token anterior do prompt, por peso de atenção × o seu valor, empurrou o token.</translation>
    </message>
</context>
</TS>
